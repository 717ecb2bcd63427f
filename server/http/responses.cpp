#include "responses.hpp"

namespace profiledesk::http {

response json_response(beast_http::status status, const nlohmann::json& body, unsigned version) {
    response res{status, version};
    res.set(beast_http::field::content_type, "application/json");
    // Replace invalid UTF-8 rather than throw: an error path must not fail.
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

response error_response(beast_http::status status, std::string_view code, std::string_view message, unsigned version,
                        const nlohmann::json& details) {
    nlohmann::json body = details.is_object() ? details : nlohmann::json::object();
    body["error"] = code;
    body["message"] = message;
    return json_response(status, body, version);
}

response redirect_response(std::string_view location, unsigned version) {
    response res{beast_http::status::found, version};
    res.set(beast_http::field::location, std::string(location));
    res.set(beast_http::field::cache_control, "no-store");
    res.prepare_payload();
    return res;
}

std::string content_security_policy(std::string_view more_form_targets) {
    std::string policy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    if (!more_form_targets.empty()) policy.append(" ").append(more_form_targets);
    return policy;
}

void apply_security_headers(response& res, bool https) {
    const auto type = std::string_view(res[beast_http::field::content_type].data(),
                                       res[beast_http::field::content_type].size());
    const auto is = [&type](std::string_view prefix) { return type.substr(0, prefix.size()) == prefix; };
    res.set("X-Content-Type-Options", "nosniff");
    // No page of ours has a reason to leak its URL (which may carry an OAuth
    // code on /callback) to another origin.
    res.set("Referrer-Policy", "no-referrer");
    if (is("text/html")) {
        // Lets the Wasm app run and nothing else (the sign-in issue's policy).
        // A handler that sets its own policy (a page posting a form to
        // another origin) keeps it.
        if (res["Content-Security-Policy"].empty()) res.set("Content-Security-Policy", content_security_policy());
        res.set("X-Frame-Options", "DENY");
    }
    // JSON may hold personal data: never cached, unless its handler chose a
    // policy for a public answer that depends only on the URL (/fonts/glyphs).
    if (is("application/json") && res[beast_http::field::cache_control].empty()) {
        res.set(beast_http::field::cache_control, "no-store");
    }
    if (https) res.set(beast_http::field::strict_transport_security, "max-age=31536000; includeSubDomains");
}

}  // namespace profiledesk::http
