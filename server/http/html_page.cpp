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

namespace {

// The page skeleton: `head` and `main` are HTML already escaped.
response page(beast_http::status status, std::string_view title, std::string_view head, std::string_view main) {
    std::string body =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    body += head;
    body += "<title>" + html_escape(title) +
            " - Profile Desk</title>"
            "<link rel=\"stylesheet\" href=\"/web/style.css\"></head>\n<body><main class=\"notice\">"
            "<h1>" +
            html_escape(title) + "</h1>";
    body += main;
    body += "</main></body></html>\n";
    response res{status, 11};
    res.set(beast_http::field::content_type, "text/html; charset=utf-8");
    res.set(beast_http::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string link(std::string_view href, std::string_view text) {
    if (href.empty()) return {};
    return "<p><a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a></p>";
}

}  // namespace

response html_page(beast_http::status status, std::string_view title, std::string_view message,
                   std::string_view link_href, std::string_view link_text) {
    return page(status, title, {}, "<p>" + html_escape(message) + "</p>" + link(link_href, link_text));
}

response html_page_with_content(beast_http::status status, std::string_view title, std::string_view main_html) {
    return page(status, title, {}, main_html);
}

response html_post_button_page(beast_http::status status, std::string_view title, std::string_view message,
                               std::string_view action, std::string_view button_text, std::string_view link_href,
                               std::string_view link_text) {
    // Our responses say Referrer-Policy: no-referrer, under which a form's
    // POST carries "Origin: null" (Fetch, "append a request Origin header"),
    // and our origin checks refuse that. "same-origin" still sends nothing to
    // other origins.
    const std::string head = "<meta name=\"referrer\" content=\"same-origin\">";
    const std::string main = "<p>" + html_escape(message) + "</p><form method=\"post\" action=\"" +
                             html_escape(action) + "\"><button type=\"submit\">" + html_escape(button_text) +
                             "</button></form>" + link(link_href, link_text);
    return page(status, title, head, main);
}

}  // namespace profiledesk::http
