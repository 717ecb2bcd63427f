// The Management API client's settings: one documented struct (hello_imgui
// style: each field with its default and why). app_config supplies the first
// four from ISSUER_BASE_URL, MGMT_AUDIENCE, MGMT_CLIENT_ID/SECRET; the rest
// are tuning with defaults fit for Auth0's small rate limits.
#pragma once

#include "log/log.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::mgmt {

struct mgmt_settings {
    // ---- the tenant and the machine-to-machine app ----

    // The tenant's base URL, e.g. "https://example.eu.auth0.com" (ISSUER_BASE_URL).
    // A trailing '/' is ignored. Tokens come from {issuer}/oauth/token, users
    // from {issuer}/api/v2/users/{id}.
    std::string issuer;
    // The M2M token's audience (MGMT_AUDIENCE). Empty: {issuer}/api/v2/ (Auth0's,
    // trailing slash included: docs/auth0.md#m2m-token).
    std::string audience;
    // The M2M application (client_secret_post). The secret is never logged.
    std::string client_id;
    std::string client_secret;

    // ---- time ----

    // One token request (a single flight shared by all waiting calls; each
    // caller still stops at its own deadline). Covers its retries.
    std::chrono::milliseconds token_timeout{10'000};
    // One users API request at most, within the call's deadline: a hung
    // attempt leaves time for a read's retry instead of eating the deadline.
    std::chrono::milliseconds attempt_timeout{5'000};

    // ---- retries (reads, and the token request; a PATCH only when not sent) ----

    // Attempts per read for 5xx, network errors and malformed answers (1 = no retry).
    int max_read_attempts = 3;
    // Backoff before retry n: backoff_base * 2^n, at most backoff_max, +-backoff_jitter.
    // 100 ms doubles to 200 ms: two retries fit well inside a 5 s budget.
    std::chrono::milliseconds backoff_base{100};
    std::chrono::milliseconds backoff_max{2'000};
    double backoff_jitter = 0.5;

    // ---- rate limits ----

    // Random extra wait (0 to this) on top of x-ratelimit-reset, so clients
    // waiting for the same reset do not all return in the same millisecond.
    std::chrono::milliseconds rate_limit_jitter{250};
    // How many 429s one call may wait out before answering rate_limited
    // (each wait also has to fit the deadline).
    int max_rate_limit_waits = 2;
    // After an answer with x-ratelimit-remaining: 0, hold the next calls until
    // the reset rather than spend a request on a certain 429.
    bool hold_when_bucket_empty = true;
    // Our own budget for the users API (rate_budget.hpp; with Redis, one for
    // every instance together): requests per second and the bucket's size.
    // Set them to the tenant's limit: the defaults are Auth0's free plan (2/s,
    // burst 2), which is also localtenant's default. A call finding the budget
    // empty waits for it within its deadline, else answers rate_limited, so the
    // tenant never sees the excess. 0 requests per second: no budget of our
    // own (the tenant's 429s and headers alone).
    double rate_limit_per_second = 2;
    double rate_limit_burst = 2;

    // ---- circuit breaker ----

    // Consecutive upstream failures (5xx, network, timeouts; not 4xx) that open it.
    int breaker_threshold = 5;
    // How long it stays open before one probe is let through.
    std::chrono::milliseconds breaker_cooldown{10'000};

    // ---- read cache ----

    // How long a fetched user is served from memory (0 disables the cache).
    // Short: other writers (Auth0's dashboard, Actions) are not seen meanwhile.
    std::chrono::milliseconds cache_ttl{5'000};
    // Bound on cached users (memory); when full, expired entries are swept and,
    // if none expired, new entries are not cached until some do.
    std::size_t cache_max_entries = 10'000;
    // A successful PATCH answers with the whole new record: cache it.
    bool cache_patch_answers = true;

    // ---- connections ----

    // PATCH on a new connection each time: the pooled-connection retry of
    // upstream::http_client (a stale keep-alive connection fails before the
    // answer, and the request is sent again) must never resend a write.
    bool fresh_connection_for_writes = true;
    // Larger answers are an error (bad_response), not a memory spike.
    std::uint64_t max_response_body = 1024 * 1024;

    // ---- observability ----

    // One line per notable event (token fetched, breaker opened, rate-limited,
    // retries), with the id of the request that caused it (a shared read or
    // token fetch: of the request that started it). Never a token, secret or
    // profile value; user ids are not logged either (log/log.hpp's rule).
    // The process's log by default; tests capture the lines; null drops them.
    std::function<void(log::level, const log::request_id&, log::message, log::fields)> log = log::write;
};

// Problems with the settings, one line each (empty when usable). Never quotes the secret.
std::vector<std::string> validate(const mgmt_settings& s);

// {issuer} without trailing slashes.
std::string issuer_base(const mgmt_settings& s);
// The audience to ask for (the default filled in).
std::string effective_audience(const mgmt_settings& s);
std::string token_url(const mgmt_settings& s);
// The form body of the client-credentials request for the M2M token.
std::string client_credentials_body(const mgmt_settings& s);
// {issuer}/api/v2/users/{percent-encoded id}
std::string user_url(const mgmt_settings& s, std::string_view user_id);

}  // namespace profiledesk::mgmt
