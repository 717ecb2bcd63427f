#include "metrics/collectors.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using namespace profiledesk::metrics;

TEST_CASE("collectors: the Management API client's counters and breaker, as Prometheus families") {
    mgmt::counters_snapshot c;
    c.token_fetches = 1;
    c.token_invalidations = 2;
    c.upstream_calls = 99;  // not exposed: profiledesk_upstream_request_duration_seconds counts each call
    c.cache_hits = 3;
    c.cache_misses = 4;
    c.coalesced_waits = 5;
    c.retries = 6;
    c.rate_limit_waits = 7;
    c.rate_limited = 8;
    c.breaker_rejections = 9;
    const auto text = format_text(mgmt_families(c, mgmt::breaker_state::open));
    const auto has = [&](const std::string& line) {
        INFO(line);
        CHECK(text.find(line + "\n") != std::string::npos);
    };
    has("# TYPE profiledesk_mgmt_token_fetches_total counter");
    has("profiledesk_mgmt_token_fetches_total 1");
    has("profiledesk_mgmt_token_invalidations_total 2");
    has("# TYPE profiledesk_mgmt_user_reads_total counter");
    has("profiledesk_mgmt_user_reads_total{cache=\"coalesced\"} 5");
    has("profiledesk_mgmt_user_reads_total{cache=\"hit\"} 3");
    has("profiledesk_mgmt_user_reads_total{cache=\"miss\"} 4");
    has("profiledesk_mgmt_retries_total 6");
    has("profiledesk_mgmt_rate_limit_waits_total 7");
    has("profiledesk_mgmt_rate_limited_total 8");
    has("profiledesk_mgmt_circuit_open_rejections_total 9");
    has("# TYPE profiledesk_mgmt_circuit_breaker_state gauge");
    has("profiledesk_mgmt_circuit_breaker_state{state=\"closed\"} 0");
    has("profiledesk_mgmt_circuit_breaker_state{state=\"open\"} 1");
    has("profiledesk_mgmt_circuit_breaker_state{state=\"half_open\"} 0");
    CHECK(text.find(" 99\n") == std::string::npos);
}

TEST_CASE("collectors: the memory store's sessions, and nothing for an object gone") {
    registry r;
    std::shared_ptr<auth::session_store> store = auth::make_memory_session_store(
        {std::chrono::seconds(60), std::chrono::seconds(600)});
    REQUIRE(add_session_metrics(r, store));
    auth::session_user ada;
    ada.sub = "auth0|ada";
    // The memory store answers at once.
    for (int i = 0; i < 2; ++i) store->create(ada, 0, std::chrono::system_clock::now(), [](auto) {});
    CHECK(r.expose() ==
          "# HELP profiledesk_sessions Sessions held by this instance's memory store (expired ones not yet purged "
          "included).\n"
          "# TYPE profiledesk_sessions gauge\n"
          "profiledesk_sessions 2\n");
    store.reset();
    CHECK(r.expose().empty());
}
