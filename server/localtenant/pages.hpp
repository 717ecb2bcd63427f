// The tenant's HTML: the sign-in form, the error page, and the form_post
// answer. Plain HTML, no script except form_post's auto-submit (allowed by a
// per-response CSP nonce). Every value is HTML-escaped.
#pragma once

#include "http/url.hpp"

#include <string>
#include <string_view>

namespace profiledesk::localtenant {

struct login_page_input {
    std::string tenant_name;
    std::string client_name;
    http::query_params hidden;  // the /authorize parameters, posted back
    std::string email;          // prefilled (login_hint or the last attempt)
    std::string error;          // shown above the form, empty for none
};

std::string login_page(const login_page_input& in);

std::string error_page(std::string_view error, std::string_view description);

// A page with a title and one sentence ("You are signed out.").
std::string info_page(std::string_view title, std::string_view text);

// An auto-submitting form that POSTs `fields` to `action` (response_mode=form_post).
std::string form_post_page(const std::string& action, const http::query_params& fields, const std::string& nonce);

}  // namespace profiledesk::localtenant
