// The outcome of a Management API call, with stable error codes (the routes
// map them to their own answers: not_found -> 404 user_not_found,
// rate_limited -> 503 upstream_rate_limited with Retry-After, ...).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace profiledesk::mgmt {

enum class mgmt_error {
    none,                  // 2xx with a JSON object body
    unauthorized,          // 401 twice (after one token refresh), or the token endpoint refused our client
    forbidden,             // 403 (missing scope, ...)
    not_found,             // 404
    bad_request,           // 400 and any other 4xx but 401/403/404/429; `message` is Auth0's
    rate_limited,          // 429 and the reset does not fit the deadline; see `retry_after`
    upstream_unavailable,  // 5xx (after the retries reads get)
    timeout,               // the call's deadline (or an attempt's timeout) passed
    network,               // resolve/connect/TLS/connection errors (after the retries reads get)
    circuit_open,          // failed fast: the breaker is open, nothing was sent
    bad_response,          // an answer we cannot use (malformed JSON on a 2xx, a 3xx, ...)
    store_unavailable,     // the shared state (Redis: token, budget, read cache) could not be reached in time;
                           // for a PATCH: nothing was sent
};

// The stable name of an error ("rate_limited"); tests and logs use it.
std::string_view to_string(mgmt_error e);

struct mgmt_result {
    mgmt_error error = mgmt_error::none;
    unsigned status = 0;  // the last upstream HTTP status; 0 when there was no answer
    nlohmann::json body;  // the user record on success; Auth0's error body otherwise (or null)
    std::string message;  // Auth0's `message` for 4xx answers; a short diagnostic (never a secret) otherwise
    std::chrono::seconds retry_after{0};  // with rate_limited (at least 1 s); also with circuit_open
    int upstream_calls = 0;               // users API requests sent for this result (0: cache hit or failed fast);
                                          // a coalesced read reports the shared call's count
    bool from_cache = false;              // answered from the read cache
    bool coalesced = false;               // joined another caller's in-flight read

    bool ok() const { return error == mgmt_error::none; }
};

// What token_provider hands out.
struct token_result {
    mgmt_error error = mgmt_error::none;
    std::string access_token;      // never log it
    std::uint64_t generation = 0;  // which fetch it came from (1, 2, ...): tells equal strings apart
    std::string message;           // the token endpoint's `error`/`error_description`, or a diagnostic
    std::chrono::seconds retry_after{0};
    bool ok() const { return error == mgmt_error::none; }
};

}  // namespace profiledesk::mgmt
