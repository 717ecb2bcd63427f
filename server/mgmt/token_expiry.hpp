// When a cached M2M token stops being used (pure).
//
// A token is replaced a margin before `expires_in` runs out: 60 s, or 10% of
// its lifetime when that is smaller (a 24 h token is used for 23 h 59 min; a
// 30 s test token for 27 s). The lifetime is counted from the moment the token
// REQUEST was sent, which is earlier than the tenant's `iat`, so clock skew and
// the request's own latency only ever make us refresh early, never late.
#pragma once

#include <chrono>

namespace profiledesk::mgmt {

// The margin for a token that lives `expires_in`.
std::chrono::milliseconds token_refresh_margin(std::chrono::seconds expires_in);

// When a token requested at `requested_at` that lives `expires_in` is due for
// replacement (`requested_at` itself for a lifetime of zero or less).
std::chrono::steady_clock::time_point token_refresh_at(std::chrono::steady_clock::time_point requested_at,
                                                       std::chrono::seconds expires_in);

// Whether a token due at `refresh_at` may still be used at `now`.
inline bool token_fresh(std::chrono::steady_clock::time_point now, std::chrono::steady_clock::time_point refresh_at) {
    return now < refresh_at;
}

}  // namespace profiledesk::mgmt
