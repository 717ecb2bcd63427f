#include "metrics/collectors.hpp"

namespace profiledesk::metrics {

namespace {

family_snapshot counter_family(const char* name, const char* help, std::uint64_t value) {
    family_snapshot f{name, help, metric_type::counter, {}};
    f.samples.push_back({{}, static_cast<double>(value), {}, 0});
    return f;
}

}  // namespace

std::vector<family_snapshot> mgmt_families(const mgmt::counters_snapshot& c, mgmt::breaker_state breaker) {
    std::vector<family_snapshot> out;
    out.push_back(counter_family("profiledesk_mgmt_token_fetches_total",
                                 "Requests for a Management API (M2M) token sent to the token endpoint, retries "
                                 "included.",
                                 c.token_fetches));
    out.push_back(counter_family("profiledesk_mgmt_token_invalidations_total",
                                 "Cached M2M tokens dropped because the Management API answered 401.",
                                 c.token_invalidations));

    family_snapshot reads{"profiledesk_mgmt_user_reads_total",
                          "Reads of a user record, by how they were served: cache=hit (the read cache), "
                          "coalesced (joined a read in flight for the same user), miss (a new upstream read).",
                          metric_type::counter,
                          {}};
    reads.samples.push_back({{{"cache", "coalesced"}}, static_cast<double>(c.coalesced_waits), {}, 0});
    reads.samples.push_back({{{"cache", "hit"}}, static_cast<double>(c.cache_hits), {}, 0});
    reads.samples.push_back({{{"cache", "miss"}}, static_cast<double>(c.cache_misses), {}, 0});
    out.push_back(std::move(reads));

    out.push_back(counter_family("profiledesk_mgmt_retries_total",
                                 "Management API attempts sent again after a 5xx, a network error or a malformed "
                                 "answer.",
                                 c.retries));
    out.push_back(counter_family("profiledesk_mgmt_rate_limit_waits_total",
                                 "Waits for the tenant's rate limit to reset, after a 429 or an answer saying the "
                                 "bucket is empty (the 429s themselves: "
                                 "profiledesk_upstream_request_duration_seconds_count{status=\"429\"}).",
                                 c.rate_limit_waits));
    out.push_back(counter_family("profiledesk_mgmt_rate_limited_total",
                                 "Management API calls given up as rate limited: the reset did not fit the deadline.",
                                 c.rate_limited));
    out.push_back(counter_family("profiledesk_mgmt_circuit_open_rejections_total",
                                 "Management API calls failed fast because the circuit breaker was open.",
                                 c.breaker_rejections));

    family_snapshot state{"profiledesk_mgmt_circuit_breaker_state",
                          "The Management API circuit breaker: 1 for the state it is in (closed, open, half_open).",
                          metric_type::gauge,
                          {}};
    for (const auto s : {mgmt::breaker_state::closed, mgmt::breaker_state::open, mgmt::breaker_state::half_open}) {
        state.samples.push_back({{{"state", std::string(mgmt::to_string(s))}}, s == breaker ? 1.0 : 0.0, {}, 0});
    }
    out.push_back(std::move(state));
    return out;
}

void add_mgmt_metrics(registry& r, const std::shared_ptr<mgmt::users_client>& users) {
    r.add_collector([weak = std::weak_ptr<mgmt::users_client>(users)](std::vector<family_snapshot>& out) {
        const auto u = weak.lock();
        if (!u) return;
        for (auto& f : mgmt_families(u->stats(), u->breaker())) out.push_back(std::move(f));
    });
}

bool add_session_metrics(registry& r, const std::shared_ptr<auth::session_store>& sessions) {
    const auto memory = std::dynamic_pointer_cast<auth::memory_session_store>(sessions);
    if (!memory) return false;
    r.add_collector([weak = std::weak_ptr<auth::memory_session_store>(memory)](std::vector<family_snapshot>& out) {
        const auto s = weak.lock();
        if (!s) return;
        family_snapshot f{"profiledesk_sessions",
                          "Sessions held by this instance's memory store (expired ones not yet purged included).",
                          metric_type::gauge,
                          {}};
        f.samples.push_back({{}, static_cast<double>(s->size()), {}, 0});
        out.push_back(std::move(f));
    });
    return true;
}

}  // namespace profiledesk::metrics
