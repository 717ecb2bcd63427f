// Small server-rendered pages (sign-in errors): escaped text, our stylesheet.
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

}  // namespace profiledesk::http
