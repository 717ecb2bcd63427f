// What an answer from Profile Desk's API means to the app: a typed outcome
// instead of a status code. Pure C++ (no Emscripten), so the classification
// is unit-tested natively; the fetch client (fetch_client.hpp) produces the
// raw material.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace profiledesk::app::net {

enum class outcome {
    ok,               // 2xx
    unauthenticated,  // 401: the session is gone (signing in again brings it back)
    account_blocked,  // 401 account_blocked: the tenant blocked the user; every session ended
    account_deleted,  // 401 account_deleted: the user no longer exists; every session ended
    reauthenticate,   // 401 reauthentication_required: the session lives, but this action needs a fresh
                      // sign-in (the body's reauthenticateUrl, core/reauthentication.hpp)
    conflict,         // 409: fields changed elsewhere
    validation,       // 400 validation_failed / field_not_allowed: per-field messages
    refused,          // other 4xx (403 field_read_only, csrf_failed, 413, 415, ...)
    rate_limited,     // 429, or 503 upstream_rate_limited: try again after retry_after_s
    upstream,         // 5xx: the server or the identity provider failed
    network,          // no HTTP answer at all
};

std::string_view to_string(outcome o);

struct api_result {
    outcome kind = outcome::network;
    int status = 0;
    nlohmann::json body;  // the parsed JSON body (null when none or not JSON)
    std::string error;    // the body's stable `error` code, if any
    // For the person, in their language (app/i18n.hpp): the catalog's
    // "error.<code>" for a code of core/api_errors.hpp, else the text for
    // the answer's kind (error_key below). Never the server's `message`,
    // which is English for API clients. Empty for 2xx.
    std::string message;
    int retry_after_s = 0;  // Retry-After, when the server sent one
};

// The catalog keys of answers without a code of ours (no answer at all, a
// proxy's HTML error page): web/i18n/en.json has each, beside "error.<code>".
namespace error_key {
inline constexpr std::string_view network = "error.network";                  // no HTTP answer
inline constexpr std::string_view server_busy = "error.server_busy";          // 429
inline constexpr std::string_view server_failed = "error.server_failed";      // 5xx, {status}
inline constexpr std::string_view server_answered = "error.server_answered";  // other, {status}
}  // namespace error_key

// `status` 0 means no HTTP answer (the browser's reason is not shown: it is
// English); `retry_after` is the Retry-After header's value ("" when absent).
api_result classify(int status, const std::string& body, const std::string& retry_after = {});

}  // namespace profiledesk::app::net
