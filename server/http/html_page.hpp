// Small server-rendered pages (sign-in errors, sign-out): escaped text, our
// stylesheet, no script.
#pragma once

#include "types.hpp"

#include <string>
#include <string_view>

namespace profiledesk::http {

// Escapes text for HTML element content and double-quoted attributes.
std::string html_escape(std::string_view text);

// A page with a heading, a paragraph and an optional link; all text escaped.
response html_page(beast_http::status status, std::string_view title, std::string_view message,
                   std::string_view link_href = {}, std::string_view link_text = {});

// A page with a heading and `main_html`, markup the caller built with
// html_escape around every text it did not write (the development outbox's
// list): the same skeleton, stylesheet and headers as the pages above.
response html_page_with_content(beast_http::status status, std::string_view title, std::string_view main_html);

// A page with a heading, a paragraph, one button that POSTs an empty form to
// `action`, a path on our origin (GET /logout's "Sign out"), and an optional
// link. The page asks the browser to send our Origin with that POST, which
// origin checks need.
response html_post_button_page(beast_http::status status, std::string_view title, std::string_view message,
                               std::string_view action, std::string_view button_text, std::string_view link_href = {},
                               std::string_view link_text = {});

}  // namespace profiledesk::http
