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
    nlohmann::json body;    // the parsed JSON body (null when none or not JSON)
    std::string error;      // the body's stable `error` code, if any
    std::string message;    // for a person
    int retry_after_s = 0;  // Retry-After, when the server sent one
};

// `status` 0 means no HTTP answer (`network_error` says why); `retry_after`
// is the Retry-After header's value ("" when absent).
api_result classify(int status, const std::string& body, const std::string& retry_after = {},
                    const std::string& network_error = {});

}  // namespace profiledesk::app::net
