// Building responses: JSON bodies, the error shape every route shares, headers.
#pragma once

#include "types.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace profiledesk::http {

// 200-style JSON answer. JSON is never cached: it may hold personal data.
response json_response(beast_http::status status, const nlohmann::json& body, unsigned version = 11);

// Every error body is {"error": "<stable_code>", "message": "<for a person>"}
// plus optional details; `code` is one of core::api_error's constants, the API's
// contract (profiledesk/core/api_errors.hpp).
response error_response(beast_http::status status, std::string_view code, std::string_view message,
                        unsigned version = 11, const nlohmann::json& details = nullptr);

response redirect_response(std::string_view location, unsigned version = 11);

// The Content-Security-Policy of our HTML: the Wasm app runs and nothing else.
// `more_form_targets`: origins a form may reach besides ours, redirects
// included (browsers check form-action at each redirect of the submission).
std::string content_security_policy(std::string_view more_form_targets = {});

// Security headers chosen by the response's content type: CSP on HTML,
// no-store on JSON (unless the handler set its own Cache-Control), nosniff and no-referrer on everything, HSTS over https.
void apply_security_headers(response& res, bool https);

}  // namespace profiledesk::http
