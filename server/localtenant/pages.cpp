#include "localtenant/pages.hpp"

#include "http/html_page.hpp"
#include "http/site_page.hpp"

namespace profiledesk::localtenant {

using http::html_escape;

namespace {

// The app's look (core/theme.hpp's colour roles, both themes by
// prefers-color-scheme, the same type and spacing), so that signing in does
// not feel like another product. Inline: the page loads nothing (its CSP is
// default-src 'none' with style-src 'unsafe-inline').
constexpr const char* rules = R"(
body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;background:var(--pd-background);color:var(--pd-text);
margin:0;display:flex;justify-content:center}
main{background:var(--pd-surface);margin:8vh 16px;padding:32px;border-radius:12px;
box-shadow:0 1px 3px #0000001f,0 8px 24px #00000014;max-width:352px;width:100%}
h1{font-size:22px;line-height:1.3;margin:0 0 4px}p{color:var(--pd-muted-text);margin:0 0 16px}
label{display:block;margin:16px 0 6px;font-weight:600}
input[type=email],input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:9px 12px;font:inherit;
color:var(--pd-text);background:var(--pd-field);border:1px solid var(--pd-border);border-radius:8px}
input:focus-visible,button:focus-visible{outline:2px solid var(--pd-accent);outline-offset:2px}
button{margin-top:24px;width:100%;padding:10px 16px;font:inherit;font-weight:600;background:var(--pd-accent);
color:var(--pd-on-accent);border:0;border-radius:8px;cursor:pointer}
button:hover{background:var(--pd-accent-hover)}button:active{background:var(--pd-accent-pressed)}
.error{color:var(--pd-danger);border:1px solid currentColor;padding:8px 12px;border-radius:8px}
small{color:var(--pd-muted-text)}
)";

const std::string& style() {
    static const std::string s = "<style>\n" + http::theme_css(std::nullopt) + rules + "</style>";
    return s;
}

std::string head(std::string_view title) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
           html_escape(title) + "</title>" + style() + "</head>";
}

std::string hidden_inputs(const http::query_params& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        out += "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) + "\">\n";
    }
    return out;
}

}  // namespace

std::string login_page(const login_page_input& in) {
    std::string html = head("Sign in - " + in.tenant_name);
    html += "<body><main><h1>Sign in</h1><p>to continue to " + html_escape(in.client_name) + "</p>\n";
    if (!in.error.empty()) html += "<p class=\"error\" role=\"alert\">" + html_escape(in.error) + "</p>\n";
    html += "<form method=\"post\" action=\"/u/login\">\n" + hidden_inputs(in.hidden);
    html +=
        "<label for=\"username\">Email address</label>"
        "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required autofocus value=\"" +
        html_escape(in.email) + "\">\n";
    html +=
        "<label for=\"password\">Password</label>"
        "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n";
    html += "<button type=\"submit\">Continue</button>\n</form>\n";
    html += "<p><small>" + html_escape(in.tenant_name) + " (localtenant: a local stand-in for Auth0)</small></p>";
    html += "</main></body></html>\n";
    return html;
}

std::string error_page(std::string_view error, std::string_view description) {
    return head("Error") + "<body><main><h1>Something went wrong</h1><p class=\"error\" role=\"alert\"><strong>" +
           html_escape(error) + "</strong>: " + html_escape(description) + "</p></main></body></html>\n";
}

std::string info_page(std::string_view title, std::string_view text) {
    return head(title) + "<body><main><h1>" + html_escape(title) + "</h1><p>" + html_escape(text) +
           "</p></main></body></html>\n";
}

std::string form_post_page(const std::string& action, const http::query_params& fields, const std::string& nonce) {
    return head("Submit This Form") + "<body><form method=\"post\" action=\"" + html_escape(action) + "\">\n" +
           hidden_inputs(fields) + "<noscript><button type=\"submit\">Continue</button></noscript></form>\n" +
           "<script nonce=\"" + html_escape(nonce) + "\">document.forms[0].submit();</script></body></html>\n";
}

}  // namespace profiledesk::localtenant
