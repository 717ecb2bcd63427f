// The Management API's error body, {"statusCode", "error", "message",
// "errorCode"} (docs/auth0.md#error-bodies; real examples from GOREC and issue
// threads), and the OAuth one, {"error", "error_description"} (RFC 6749 section 5.2).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace profiledesk::localtenant {

struct api_error {
    int status = 400;
    std::string message;
    std::string error_code;  // Auth0's errorCode; empty: left out

    nlohmann::json body() const;
};

// The HTTP reason phrase Auth0 puts in "error" ("Bad Request", ...).
std::string reason_phrase(int status);

// Auth0's errors, with the messages it sends.
api_error missing_authentication();                                                                 // 401
api_error invalid_token(const std::string& message);                                                // 401
api_error insufficient_scope(const std::string& expected_any_of);                                   // 403
api_error user_does_not_exist();                                                                    // 404
api_error bad_request(const std::string& message, const std::string& error_code = "invalid_body");  // 400
api_error too_many_requests();                                                                      // 429

struct oauth_error {
    int status = 400;
    std::string error;
    std::string description;

    nlohmann::json body() const { return {{"error", error}, {"error_description", description}}; }
};

}  // namespace profiledesk::localtenant
