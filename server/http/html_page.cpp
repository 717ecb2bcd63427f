#include "html_page.hpp"

namespace profiledesk::http {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

response html_page(beast_http::status status, std::string_view title, std::string_view message,
                   std::string_view link_href, std::string_view link_text) {
    std::string body = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<title>" + html_escape(title) + " - Profile Desk</title>"
                       "<link rel=\"stylesheet\" href=\"/web/style.css\"></head>\n<body><main class=\"notice\">"
                       "<h1>" + html_escape(title) + "</h1><p>" + html_escape(message) + "</p>";
    if (!link_href.empty()) {
        body += "<p><a href=\"" + html_escape(link_href) + "\">" + html_escape(link_text) + "</a></p>";
    }
    body += "</main></body></html>\n";
    response res{status, 11};
    res.set(beast_http::field::content_type, "text/html; charset=utf-8");
    res.set(beast_http::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace profiledesk::http
