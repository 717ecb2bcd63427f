#include "metrics/server_metrics.hpp"

#include <charconv>

namespace profiledesk::metrics {

namespace {

double seconds(server_metrics::duration d) { return std::chrono::duration<double>(d).count(); }

// An HTTP status as label text, without allocating.
struct status_text {
    explicit status_text(unsigned status) {
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, status);
        size = ec == std::errc() ? static_cast<std::size_t>(end - buffer) : 0;
    }
    std::string_view view() const { return {buffer, size}; }
    char buffer[12];
    std::size_t size = 0;
};

// Redis round trips on a LAN take well under a millisecond.
const std::vector<double> redis_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

}  // namespace

registry& default_registry() {
    static registry r;
    return r;
}

server_metrics::server_metrics(registry& r)
    : requests_(r.add_histogram("profiledesk_http_request_duration_seconds",
                                "Requests answered, by the route that took them (its pattern; static: the site's "
                                "files; unmatched: no route), method and status, and the seconds until the answer "
                                "was ready (_count: the number of requests).",
                                {"route", "method", "status"})),
      upstream_(r.add_histogram(
          "profiledesk_upstream_request_duration_seconds",
          "Calls to the identity provider and the Management API (each attempt), by endpoint "
          "(discovery, jwks, token, m2m_token, get_user, patch_user, delete_user, picture_fetch) and status (the "
          "HTTP status; timed_out or error when none came), and their seconds.",
          {"endpoint", "status"})),
      sign_ins_(r.add_counter("profiledesk_sign_ins_total",
                              "Sign-ins completed at /callback, by outcome: success, or the reason one was refused.",
                              {"outcome"})),
      budget_refusals_(r.add_counter("profiledesk_budget_refusals_total",
                                     "Requests refused with 429 because a client's or user's budget was spent, by "
                                     "budget (sign_in, glyphs, picture, writes).",
                                     {"budget"})),
      conflicts_(r.add_counter("profiledesk_profile_conflicts_total",
                               "Saves answered 409: a field they change was changed elsewhere meanwhile.")
                     .labels({})),
      validation_failures_(r.add_counter("profiledesk_profile_validation_failures_total",
                                         "Saves answered 400 validation_failed: a value broke the field schema.")
                               .labels({})),
      redis_commands_(r.add_histogram("profiledesk_redis_command_duration_seconds",
                                      "Redis commands (with SESSION_STORE=redis://), by command, and their seconds "
                                      "(failed ones included).",
                                      {"command"}, redis_buckets)),
      redis_errors_(r.add_counter("profiledesk_redis_command_errors_total",
                                  "Redis commands that failed, by command and error (unavailable, timeout, "
                                  "server_error).",
                                  {"command", "error"})) {
    // Series that exist from the start read 0 until their first event, so
    // rate() and alerts see them (the sign-in refusals' reasons are many: they appear when seen).
    sign_ins_.labels({"success"});
    budgets_ = {&budget_refusals_.labels({"sign_in"}), &budget_refusals_.labels({"glyphs"}),
                &budget_refusals_.labels({"picture"}), &budget_refusals_.labels({"writes"})};
}

void server_metrics::request(std::string_view route, std::string_view method, unsigned status, duration took) {
    requests_.labels({route, method, status_text(status).view()}).observe(seconds(took));
}

void server_metrics::upstream_call(std::string_view endpoint, unsigned status, std::string_view failure,
                                   duration took) {
    const status_text code(status);
    upstream_.labels({endpoint, status != 0 ? code.view() : failure}).observe(seconds(took));
}

void server_metrics::sign_in(std::string_view outcome) { sign_ins_.labels({outcome}).inc(); }

void server_metrics::budget_refused(budget b) { budgets_.at(static_cast<std::size_t>(b))->inc(); }

void server_metrics::conflict() { conflicts_.inc(); }

void server_metrics::validation_failure() { validation_failures_.inc(); }

void server_metrics::redis_command(std::string_view command, std::string_view error, duration took) {
    redis_commands_.labels({command}).observe(seconds(took));
    if (!error.empty()) redis_errors_.labels({command, error}).inc();
}

server_metrics& server() {
    static server_metrics m(default_registry());
    return m;
}

}  // namespace profiledesk::metrics
