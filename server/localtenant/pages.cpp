#include "localtenant/pages.hpp"

#include "http/html_page.hpp"

namespace profiledesk::localtenant {

using http::html_escape;

namespace {

constexpr const char* style = R"(<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:8vh 1rem;padding:2rem;border-radius:8px;box-shadow:0 2px 8px #0002;max-width:22rem;width:100%}
h1{font-size:1.3rem;margin:0 0 .3rem}p{color:#555}label{display:block;margin:1rem 0 .3rem}
input[type=email],input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem}
button{margin-top:1.4rem;width:100%;padding:.7rem;font-size:1rem;background:#3451b2;color:#fff;border:0;border-radius:4px}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem;border-radius:4px}
</style>)";

std::string head(std::string_view title) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
           html_escape(title) + "</title>" + style + "</head>";
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
