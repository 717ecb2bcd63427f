// profiledesk's own metrics: every name, label and help text in one place,
// so the list an operator alerts on is this file (README: Metrics).
//
// They live in the process-wide default_registry(), like the default
// registry of Prometheus' client libraries: code anywhere records an event
// with one call (metrics::server().conflict()), and nothing is threaded
// through the contexts. Label values come from bounded sets only.
//
// Facts other parts already count are not counted again here: the Management
// API client's counters (token fetches, cache, retries, rate-limit waits, the
// breaker) and the session store's size are read at scrape time
// (collectors.hpp), the process's from /proc (process_metrics.hpp).
#pragma once

#include "metrics/registry.hpp"

#include <array>
#include <chrono>
#include <string_view>

namespace profiledesk::metrics {

// The registry GET /metrics exposes.
registry& default_registry();

// The per-client and per-user budgets whose refusals (429) are counted.
enum class budget { sign_in, glyphs, picture, writes };

class server_metrics {
public:
    using duration = std::chrono::steady_clock::duration;

    explicit server_metrics(registry& r);

    // A request answered: `route` is the router's pattern (static, unmatched
    // for what no route took), never the raw path.
    void request(std::string_view route, std::string_view method, unsigned status, duration took);
    // One exchange with the provider or the Management API. `endpoint` names
    // what was called (discovery, jwks, token, m2m_token, get_user,
    // patch_user, delete_user, picture_fetch); status 0: no answer (`failure`: timed_out or error).
    void upstream_call(std::string_view endpoint, unsigned status, std::string_view failure, duration took);
    // A sign-in's outcome: "success", or the refusal's reason code (the one
    // auth_routes logs).
    void sign_in(std::string_view outcome);
    void budget_refused(budget b);
    void conflict();            // a save answered 409
    void validation_failure();  // a save answered 400 validation_failed
    // One Redis command (its name in upper case); `error` empty when it succeeded.
    void redis_command(std::string_view command, std::string_view error, duration took);

private:
    family<histogram>& requests_;
    family<histogram>& upstream_;
    family<counter>& sign_ins_;
    family<counter>& budget_refusals_;
    std::array<counter*, 4> budgets_{};
    counter& conflicts_;
    counter& validation_failures_;
    family<histogram>& redis_commands_;
    family<counter>& redis_errors_;
};

// The instance on default_registry().
server_metrics& server();

}  // namespace profiledesk::metrics
