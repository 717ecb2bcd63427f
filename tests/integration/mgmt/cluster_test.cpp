// Two Management API clients ("two instances") sharing one real redis-server
// and one real localtenant: toward the tenant they behave like ONE client
// (one token fetch, one refresh after a 401, one rate budget), and a write
// through one is never followed by a stale read through the other.
#include "support/redis_server.hpp"
#include "tenant_process.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace mgmt_test;
using profiledesk::mgmt::mgmt_error;
using profiledesk::mgmt::mgmt_result;
using profiledesk::testing::redis_server;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> unknown_users(const std::string& prefix, int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back("auth0|" + prefix + std::to_string(i));
    return ids;
}

// Both instances' calls at once: one thread each, since get_many waits for its answers.
std::pair<std::vector<mgmt_result>, std::vector<mgmt_result>> at_once(client_fixture& a, client_fixture& b,
                                                                      const std::vector<std::string>& ids_a,
                                                                      const std::vector<std::string>& ids_b,
                                                                      std::chrono::milliseconds timeout = 20s) {
    auto first = std::async(std::launch::async, [&] { return a.get_many(ids_a, timeout); });
    auto second = b.get_many(ids_b, timeout);
    return {first.get(), std::move(second)};
}

}  // namespace

TEST_CASE("cluster: two instances fetch ONE token between them, however many calls wait for it") {
    redis_server redis;
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture a(s, nullptr, redis.url()), b(s, nullptr, redis.url());
    // The token is slow to come, so both instances are waiting for it at once.
    tenant.add_fault({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 400}});
    const auto [ra, rb] = at_once(a, b, unknown_users("a-", 20), unknown_users("b-", 20));
    for (const auto& r : ra) CHECK(r.error == mgmt_error::not_found);
    for (const auto& r : rb) CHECK(r.error == mgmt_error::not_found);
    CHECK(tenant.token_requests() == 1);
    CHECK(a.client().stats().token_fetches + b.client().stats().token_fetches == 1);
    // Later calls on both use it too.
    CHECK(a.get(ada).ok());
    CHECK(b.get(grace).ok());
    CHECK(tenant.token_requests() == 1);
    // The secret's stand-in, the token, sits in Redis with an expiry (never without).
    const auto ttl = std::stoll(redis.cli("PTTL profiledesk:mgmt:token"));
    CHECK(ttl > 0);
}

TEST_CASE("cluster: a 401 seen by both instances causes ONE refresh between them") {
    redis_server redis;
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture a(s, nullptr, redis.url()), b(s, nullptr, redis.url());
    REQUIRE(a.get(ada).ok());
    REQUIRE(b.get(grace).ok());
    REQUIRE(tenant.token_requests() == 1);
    // The tenant refuses the token both instances hold, once for each of
    // their next calls; the new token is slow to come, so both wait for it.
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 401}, {"count", 2}});
    tenant.add_fault({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 300}});
    const auto [ra, rb] = at_once(a, b, {ada}, {grace});
    CHECK(ra.front().error == mgmt_error::none);
    CHECK(rb.front().error == mgmt_error::none);
    CHECK(tenant.requests("users_get") == 6);  // 2 before, 2 refused, 2 retried
    CHECK(tenant.token_requests() == 2);       // the first token, and ONE refresh
    CHECK(a.client().stats().token_invalidations == 1);
    CHECK(b.client().stats().token_invalidations == 1);
}

TEST_CASE("cluster: two instances under load together stay under the tenant's rate limit") {
    redis_server redis;
    tenant_options o;
    o.raised_rate_limit = false;  // localtenant's default: 2/s, burst 2 (Auth0's free plan)
    tenant_process tenant(o);
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    s.rate_limit_per_second = 2;  // the tenant's limit, as the operator configures it
    s.rate_limit_burst = 2;
    client_fixture a(s, nullptr, redis.url()), b(s, nullptr, redis.url());
    REQUIRE(a.token().ok());  // not counted by the tenant's Management API limit anyway
    REQUIRE(b.token().ok());
    // 8 requests at 2/s with a burst of 2: about 3 s, inside the 20 s deadline.
    const auto [ra, rb] = at_once(a, b, unknown_users("a-", 4), unknown_users("b-", 4));
    for (const auto& r : ra) CHECK(r.error == mgmt_error::not_found);
    for (const auto& r : rb) CHECK(r.error == mgmt_error::not_found);
    CHECK(tenant.requests("users_get") == 8);
    CHECK(tenant.stats()["rate_limited"] == 0);  // not one 429: the budget held the excess back
    CHECK(a.client().stats().rate_limit_waits + b.client().stats().rate_limit_waits > 0);
}

TEST_CASE("cluster: a call the shared budget cannot serve by its deadline is rate_limited, unsent") {
    redis_server redis;
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    s.rate_limit_per_second = 0.5;  // one request every 2 s
    s.rate_limit_burst = 1;
    client_fixture a(s, nullptr, redis.url()), b(s, nullptr, redis.url());
    REQUIRE(a.get(ada).ok());  // spends the one request
    const auto r = b.get(grace, 500ms);
    CHECK(r.error == mgmt_error::rate_limited);
    CHECK(r.retry_after >= 1s);
    CHECK(r.upstream_calls == 0);
    CHECK(tenant.requests("users_get") == 1);
}

TEST_CASE("cluster: a PATCH through one instance, then at once a GET through the other, sees the new record") {
    redis_server redis;
    tenant_process tenant;
    const auto s = settings_for(tenant);  // the read cache on (5 s)
    client_fixture a(s, nullptr, redis.url()), b(s, nullptr, redis.url());
    REQUIRE(a.get(ada).ok());
    // The instances share the cache (A stores what it read just after answering: poll for it).
    bool shared = false;
    for (int i = 0; i < 100 && !shared; ++i) {
        const auto cached = b.get(ada);
        REQUIRE(cached.ok());
        shared = cached.from_cache;
        if (!shared) std::this_thread::sleep_for(10ms);
    }
    CHECK(shared);
    const auto before = tenant.requests("users_get");
    for (const char* nickname : {"first", "second", "third"}) {
        REQUIRE(a.patch(ada, {{"nickname", nickname}}).ok());
        const auto r = b.get(ada);
        REQUIRE(r.ok());
        CHECK(r.body["nickname"] == nickname);
    }
    CHECK(tenant.requests("users_get") == before);  // served from the write's answer, cached for all
    SECTION("and without caching the write's answer") {
        auto s2 = s;
        s2.cache_patch_answers = false;
        client_fixture c(s2, nullptr, redis.url());
        REQUIRE(c.patch(ada, {{"nickname", "fourth"}}).ok());
        CHECK(b.get(ada).body["nickname"] == "fourth");
        CHECK(a.get(ada).body["nickname"] == "fourth");
    }
}

TEST_CASE("cluster: Redis stopped: store_unavailable by the deadline, nothing sent, no crash; back after a restart") {
    redis_server redis;
    tenant_process tenant;
    client_fixture a(settings_for(tenant), nullptr, redis.url());
    REQUIRE(a.get(ada).ok());
    const auto sent = tenant.requests("users_patch");

    redis.stop();
    auto started = std::chrono::steady_clock::now();
    const auto r = a.get(grace, 1s);
    CHECK(r.error == mgmt_error::store_unavailable);
    CHECK(std::chrono::steady_clock::now() - started < 1500ms);
    const auto p = a.patch(grace, {{"nickname", "unsent"}}, 1s);
    CHECK(p.error == mgmt_error::store_unavailable);
    CHECK(tenant.requests("users_patch") == sent);  // a write the other instances cannot hear of is not sent

    SECTION("paused (nothing answers): the same, by the deadline") {
        redis.restart();
        for (int i = 0; i < 100 && !a.get(zoe, 500ms).ok(); ++i) std::this_thread::sleep_for(50ms);
        redis.pause();
        started = std::chrono::steady_clock::now();
        CHECK(a.get(grace, 800ms).error == mgmt_error::store_unavailable);
        CHECK(std::chrono::steady_clock::now() - started < 1300ms);
        redis.resume();
    }
    SECTION("started again: service returns without a new client") {
        redis.restart();
        bool back = false;
        for (int i = 0; i < 100 && !back; ++i) {
            back = a.get(grace, 500ms).ok();
            if (!back) std::this_thread::sleep_for(50ms);
        }
        CHECK(back);
        CHECK(a.patch(grace, {{"nickname", "sent"}}).ok());
    }
}
