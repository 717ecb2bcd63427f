#include "localtenant/api_error.hpp"

namespace profiledesk::localtenant {

nlohmann::json api_error::body() const {
    nlohmann::json j = {{"statusCode", status}, {"error", reason_phrase(status)}, {"message", message}};
    if (!error_code.empty()) j["errorCode"] = error_code;
    return j;
}

std::string reason_phrase(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Payload Too Large";
        case 415: return "Unsupported Media Type";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Error";
    }
}

// Auth0 answers a request without a bearer token with this message (seen on
// real tenants; the OAS lists only the invalid-token variants).
api_error missing_authentication() { return {401, "Missing authentication", "invalid_token"}; }

api_error invalid_token(const std::string& message) { return {401, message, "invalid_token"}; }

// The OAS writes "Insufficient scope; expected any of: a, b." while real
// tenants answer "Insufficient scope, expected any of: a,b" (go-auth0 issue
// 195, docs/auth0.md#m2m-token); the observed form wins.
api_error insufficient_scope(const std::string& expected_any_of) {
    return {403, "Insufficient scope, expected any of: " + expected_any_of, "insufficient_scope"};
}

// The OAS says "User not found."; a real recording (GOREC) shows this message
// and errorCode, which clients are likelier to have been written against.
api_error user_does_not_exist() { return {404, "The user does not exist.", "inexistent_user"}; }

api_error bad_request(const std::string& message, const std::string& error_code) { return {400, message, error_code}; }

api_error too_many_requests() { return {429, "Global limit has been reached", "too_many_requests"}; }

}  // namespace profiledesk::localtenant
