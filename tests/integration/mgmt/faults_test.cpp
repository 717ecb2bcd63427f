// Rate limits, upstream errors, dropped connections, hangs and the circuit
// breaker, with faults injected into a real localtenant (/admin/faults).
#include "tenant_process.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace mgmt_test;
using profiledesk::mgmt::breaker_state;
using profiledesk::mgmt::mgmt_error;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {
json status_fault(const std::string& endpoint, int status, int count = 1) {
    return {{"endpoint", endpoint}, {"kind", "status"}, {"status", status}, {"count", count}};
}
}  // namespace

// ---- rate limits ----

TEST_CASE("faults: a 429 whose reset fits the deadline is waited out, then the call succeeds") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 429}, {"retry_after_s", 1}});
    const auto r = c.get(ada, 20s);
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.body["user_id"] == ada);
    CHECK(r.upstream_calls == 2);
    CHECK(tenant.requests("users_get") == 2);
    CHECK(c.client().stats().rate_limit_waits >= 1);
}

TEST_CASE("faults: a 429 whose reset is beyond the deadline is rate_limited at once, with retry_after") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 429}, {"retry_after_s", 30}});
    const auto r = c.get(ada, 5s);
    CHECK(r.error == mgmt_error::rate_limited);
    CHECK(r.status == 429);
    CHECK(r.message == "Global limit has been reached");
    CHECK(r.retry_after >= 25s);
    CHECK(r.retry_after <= 32s);
    CHECK(r.upstream_calls == 1);
    CHECK(tenant.requests("users_get") == 1);

    SECTION("and the calls after it hold back instead of spending requests on certain 429s") {
        const auto next = c.get(grace, 5s);
        CHECK(next.error == mgmt_error::rate_limited);
        CHECK(next.retry_after >= 25s);
        CHECK(next.upstream_calls == 0);
        CHECK(tenant.requests("users_get") == 1);
    }
    SECTION("a PATCH too") {
        const auto p = c.patch(ada, {{"nickname", "x"}}, 5s);
        CHECK(p.error == mgmt_error::rate_limited);
        CHECK(tenant.requests("users_patch") == 0);
    }
}

TEST_CASE("faults: with the tenant's real bucket (1/s), an empty bucket is waited for, not hit") {
    tenant_options o;
    o.raised_rate_limit = false;
    o.extra_args = {"--rate-limit", "1", "--rate-burst", "1"};
    tenant_process tenant(o);
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture c(s);
    const auto first = c.get(ada, 20s);  // takes the only request: remaining 0
    const auto second = c.get(grace, 20s);
    const auto third = c.get(zoe, 20s);
    CHECK(first.ok());
    CHECK(second.ok());
    CHECK(third.ok());
    CHECK(tenant.requests("users_get") == 3);  // no 429 spent: the calls held until the reset
    CHECK(c.client().stats().rate_limited == 0);
}

// ---- 5xx ----

TEST_CASE("faults: reads are retried after 500s, and succeed") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault(status_fault("users_get", 500, 2));
    const auto r = c.get(ada);
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.upstream_calls == 3);
    CHECK(tenant.requests("users_get") == 3);
    CHECK(c.client().stats().retries == 2);
}

TEST_CASE("faults: reads give up after max_read_attempts with upstream_unavailable") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault(status_fault("users_get", 503, 0));
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::upstream_unavailable);
    CHECK(r.status == 503);
    CHECK(r.upstream_calls == 3);
    CHECK(tenant.requests("users_get") == 3);
}

TEST_CASE("faults: a PATCH answered 500 is never retried") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault(status_fault("users_patch", 500));
    const auto r = c.patch(ada, {{"nickname", "x"}});
    CHECK(r.error == mgmt_error::upstream_unavailable);
    CHECK(r.status == 500);
    CHECK(r.upstream_calls == 1);
    CHECK(tenant.requests("users_patch") == 1);
}

TEST_CASE("faults: a malformed 200 body is retried for reads, never for a PATCH") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    SECTION("read") {
        tenant.add_fault({{"endpoint", "users_get"}, {"kind", "malformed"}});
        const auto r = c.get(ada);
        REQUIRE(r.ok());
        CHECK(r.body["user_id"] == ada);
        CHECK(tenant.requests("users_get") == 2);
    }
    SECTION("write (it was applied: the tenant cut the answer after the change)") {
        tenant.add_fault({{"endpoint", "users_patch"}, {"kind", "malformed"}});
        const auto r = c.patch(ada, {{"nickname", "cut"}});
        CHECK(r.error == mgmt_error::bad_response);
        CHECK(tenant.requests("users_patch") == 1);
        c.client().invalidate(ada);
        CHECK(c.get(ada).body["nickname"] == "cut");
    }
}

// ---- dropped connections and hangs ----

TEST_CASE("faults: a dropped connection is retried for reads") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "drop"}});
    const auto r = c.get(ada);
    REQUIRE(r.ok());
    CHECK(r.body["user_id"] == ada);
}

TEST_CASE("faults: connections dropped every time end in a clean network error") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "drop"}, {"count", 0}});
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::network);
    CHECK(r.status == 0);
    CHECK(r.upstream_calls == 3);
    CHECK(tenant.requests("users_get") >= 3);
    tenant.clear_faults();
    CHECK(c.get(ada).ok());  // and the client is fine afterwards
}

TEST_CASE("faults: a PATCH whose connection drops is not sent again") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    REQUIRE(c.patch(grace, {{"nickname", "warm"}}).ok());  // a first PATCH: any pooling would have a connection now
    tenant.reset_stats();
    tenant.add_fault({{"endpoint", "users_patch"}, {"kind", "drop"}});
    const auto r = c.patch(ada, {{"nickname", "dropped"}});
    CHECK(r.error == mgmt_error::network);
    CHECK(r.upstream_calls == 1);
    CHECK(tenant.requests("users_patch") == 1);
}

TEST_CASE("faults: a hung read times out within the deadline, retried while time is left") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.attempt_timeout = 1s;
    client_fixture c(s);
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 5000}, {"count", 0}});
    SECTION("the deadline ends it") {
        const auto r = c.get(ada, 2500ms);
        CHECK(r.error == mgmt_error::timeout);
        CHECK(r.upstream_calls >= 1);
    }
    SECTION("a hang once: the retry succeeds") {
        tenant.clear_faults();
        tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 5000}, {"count", 1}});
        const auto r = c.get(ada, 20s);
        REQUIRE(r.ok());
        CHECK(r.upstream_calls == 2);
    }
}

TEST_CASE("faults: a hung PATCH times out and is not sent again (it may still be applied)") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.attempt_timeout = 1s;
    client_fixture c(s);
    tenant.add_fault({{"endpoint", "users_patch"}, {"kind", "latency"}, {"latency_ms", 4000}});
    const auto r = c.patch(ada, {{"nickname", "slow"}}, 5s);
    CHECK(r.error == mgmt_error::timeout);
    CHECK(r.upstream_calls == 1);
    CHECK(tenant.requests("users_patch") == 1);
}

TEST_CASE("faults: nothing listening is a network error, retried for reads") {
    auto s = []() {
        tenant_process gone;  // started and stopped: its port is now closed
        return settings_for(gone);
    }();
    s.token_timeout = 5s;
    client_fixture c(s);
    const auto r = c.get(ada, 5s);
    CHECK(r.error == mgmt_error::network);
    CHECK(c.client().stats().token_fetches == 3);  // the token request was retried (never sent)
}

// ---- circuit breaker ----

TEST_CASE("faults: the breaker opens after repeated failures, fails fast, and recovers after the cool-down") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    s.max_read_attempts = 1;
    s.breaker_threshold = 3;
    s.breaker_cooldown = 2s;  // long enough that a stalled test thread does not see it end early
    client_fixture c(s);
    REQUIRE(c.get(grace).ok());  // the token is cached
    tenant.reset_stats();
    tenant.add_fault(status_fault("users_get", 500, 0));
    for (int i = 0; i < 3; ++i) CHECK(c.get(ada).error == mgmt_error::upstream_unavailable);
    CHECK(c.client().breaker() == breaker_state::open);

    const auto fast = c.get(ada);
    CHECK(fast.error == mgmt_error::circuit_open);
    CHECK(fast.upstream_calls == 0);
    CHECK(fast.retry_after >= 1s);
    CHECK(c.patch(ada, {{"nickname", "x"}}).error == mgmt_error::circuit_open);
    CHECK(tenant.requests("users_get") == 3);
    CHECK(tenant.requests("users_patch") == 0);
    CHECK(c.client().stats().breaker_rejections == 2);

    SECTION("the probe fails: open again") {
        std::this_thread::sleep_for(2400ms);                          // past the cool-down
        CHECK(c.get(ada).error == mgmt_error::upstream_unavailable);  // the probe
        CHECK(tenant.requests("users_get") == 4);
        CHECK(c.get(ada).error == mgmt_error::circuit_open);
        CHECK(tenant.requests("users_get") == 4);
    }
    SECTION("the probe succeeds: closed") {
        tenant.clear_faults();
        std::this_thread::sleep_for(2400ms);
        CHECK(c.get(ada).ok());
        CHECK(c.client().breaker() == breaker_state::closed);
        for (int i = 0; i < 3; ++i) CHECK(c.get(grace).ok());
        CHECK(tenant.requests("users_get") == 7);  // 3 failures, the probe, 3 reads
    }
}

TEST_CASE("faults: 4xx answers never open the breaker") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    s.breaker_threshold = 2;
    client_fixture c(s);
    for (int i = 0; i < 5; ++i) CHECK(c.get("auth0|nobody").error == mgmt_error::not_found);
    tenant.add_fault(status_fault("users_patch", 400, 3));
    for (int i = 0; i < 3; ++i) CHECK(c.patch(ada, {{"nickname", "x"}}).error == mgmt_error::bad_request);
    CHECK(c.client().breaker() == breaker_state::closed);
    CHECK(c.get(ada).ok());
}

TEST_CASE("faults: hangs and drops count toward the breaker") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    s.max_read_attempts = 1;
    s.breaker_threshold = 2;
    s.breaker_cooldown = 60s;
    s.attempt_timeout = 1s;
    client_fixture c(s);
    REQUIRE(c.get(grace).ok());
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 4000}});
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "drop"}, {"count", 5}});
    CHECK(c.get(ada, 5s).error == mgmt_error::timeout);
    CHECK(c.get(ada, 5s).error == mgmt_error::network);
    CHECK(c.client().breaker() == breaker_state::open);
    CHECK(c.get(ada, 5s).error == mgmt_error::circuit_open);
}
