// get_user / patch_user against a real localtenant: URLs, answers, errors,
// read coalescing and the read cache (counted at the tenant, /admin/stats).
#include "tenant_process.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace mgmt_test;
using profiledesk::mgmt::mgmt_error;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("users: get_user reads a user by its URL-encoded id") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    const auto r = c.get(ada);
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.status == 200);
    CHECK(r.body["user_id"] == ada);
    CHECK(r.body["email"] == "ada@example.com");
    CHECK(r.body["user_metadata"]["prefs"]["theme"] == "dark");
    CHECK(r.upstream_calls == 1);
    CHECK_FALSE(r.from_cache);

    const auto g = c.get(gina);  // google-oauth2|...: the | is %7C in the path
    REQUIRE(g.ok());
    CHECK(g.body["user_id"] == gina);
    const auto z = c.get(zoe);
    REQUIRE(z.ok());
    CHECK(z.body["name"] == "Zoë Łukasiewicz · Софья · 李小龍");
}

TEST_CASE("users: an unknown user is not_found with Auth0's message; odd ids stay inside the users path") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    const auto r = c.get("auth0|nobody");
    CHECK(r.error == mgmt_error::not_found);
    CHECK(r.status == 404);
    CHECK(r.message == "The user does not exist.");
    CHECK(r.body["errorCode"] == "inexistent_user");
    CHECK(r.upstream_calls == 1);
    // "../" and "?" are encoded: still a users lookup (404), never another endpoint.
    CHECK(c.get("../../.well-known/jwks.json").error == mgmt_error::not_found);
    CHECK(c.get("auth0|ada?fields=email").error == mgmt_error::not_found);
    CHECK(tenant.requests("jwks") == 0);
    CHECK(tenant.requests("users_get") == 3);
}

TEST_CASE("users: patch_user changes a user and answers the whole new record") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    const auto r = c.patch(ada, {{"user_metadata", {{"city", "Paris"}}}, {"nickname", "countess"}});
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.status == 200);
    CHECK(r.body["user_metadata"]["city"] == "Paris");
    CHECK(r.body["user_metadata"]["prefs"]["theme"] == "dark");  // merged one level deep, by the tenant
    CHECK(r.body["nickname"] == "countess");
    CHECK(r.body["email"] == "ada@example.com");
    CHECK(r.upstream_calls == 1);
    CHECK(tenant.requests("users_patch") == 1);
    c.client().invalidate(ada);
    CHECK(c.get(ada).body["user_metadata"]["city"] == "Paris");  // really stored
}

TEST_CASE("users: Auth0's 400s come back as bad_request with its message, sent once") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    SECTION("a read-only field") {
        const auto r = c.patch(ada, {{"user_id", "auth0|other"}});
        CHECK(r.error == mgmt_error::bad_request);
        CHECK(r.status == 400);
        CHECK(r.message.find("Payload validation error") != std::string::npos);
    }
    SECTION("a root attribute a Google user cannot change") {
        const auto r = c.patch(gina, {{"name", "Someone Else"}});
        CHECK(r.error == mgmt_error::bad_request);
        CHECK(r.message.find("cannot be updated") != std::string::npos);
    }
    CHECK(tenant.requests("users_patch") == 1);
}

TEST_CASE("users: what cannot be sent is refused before any request") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    CHECK(c.patch(ada, json::array({1, 2})).error == mgmt_error::bad_request);
    CHECK(c.patch(ada, json("text")).error == mgmt_error::bad_request);
    CHECK(c.patch(ada, {{"name", std::string("\xff\xfe")}}).error == mgmt_error::bad_request);  // not UTF-8
    CHECK(c.patch("", {{"name", "x"}}).error == mgmt_error::bad_request);
    CHECK(c.get("").error == mgmt_error::bad_request);
    CHECK(tenant.requests("users_patch") == 0);
    CHECK(tenant.requests("users_get") == 0);
    CHECK(tenant.token_requests() == 0);
}

TEST_CASE("users: a read-only M2M client gets forbidden for a PATCH") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.client_id = "reader";
    s.client_secret = "reader-secret";
    client_fixture c(s);
    CHECK(c.get(ada).ok());
    const auto r = c.patch(ada, {{"nickname", "x"}});
    CHECK(r.error == mgmt_error::forbidden);
    CHECK(r.status == 403);
    CHECK(r.body["errorCode"] == "insufficient_scope");
}

TEST_CASE("users: concurrent reads of one user share one upstream call") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;  // coalescing alone
    client_fixture c(s);
    // The tenant holds the first read a while: every caller arrives during it.
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 500}, {"count", 1}});
    const auto results = c.get_many(std::vector<std::string>(20, ada));
    int coalesced = 0;
    for (const auto& r : results) {
        REQUIRE(r.ok());
        CHECK(r.body["user_id"] == ada);
        coalesced += r.coalesced ? 1 : 0;
    }
    CHECK(coalesced == 19);
    CHECK(tenant.requests("users_get") == 1);
    CHECK(c.client().stats().coalesced_waits == 19);
    CHECK(c.client().stats().upstream_calls == 1);

    SECTION("different users are not coalesced together") {
        tenant.reset_stats();
        // Every read held a while, so the two reads of each user overlap even on a loaded machine.
        tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 500}, {"count", 0}});
        const auto mixed = c.get_many({ada, grace, ada, grace, zoe});
        for (const auto& r : mixed) CHECK(r.ok());
        CHECK(mixed[1].body["user_id"] == grace);
        CHECK(mixed[4].body["user_id"] == zoe);
        CHECK(tenant.requests("users_get") == 3);
    }
    SECTION("with the cache off, a later read goes upstream again") {
        CHECK(c.get(ada).ok());
        CHECK(tenant.requests("users_get") == 2);
    }
}

TEST_CASE("users: a caller joining a read gets its own timeout when its deadline is shorter") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture c(s);
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 1500}, {"count", 1}});
    std::promise<profiledesk::mgmt::mgmt_result> first, second;
    const auto now = std::chrono::steady_clock::now();
    c.client().get_user(ada, now + 20s, [&](profiledesk::mgmt::mgmt_result r) { first.set_value(std::move(r)); });
    c.client().get_user(ada, now + 100ms, [&](profiledesk::mgmt::mgmt_result r) { second.set_value(std::move(r)); });
    const auto early = second.get_future().get();
    CHECK(early.error == mgmt_error::timeout);
    const auto late = first.get_future().get();
    CHECK(late.ok());  // the shared read went on for the patient caller
    CHECK(tenant.requests("users_get") == 1);
}

TEST_CASE("users: the read cache serves within its TTL; writes and invalidate() clear it") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 60s;  // nothing expires during the test, however slow the machine
    s.cache_patch_answers = false;
    client_fixture c(s);
    REQUIRE(c.get(ada).ok());
    const auto cached = c.get(ada);
    REQUIRE(cached.ok());
    CHECK(cached.from_cache);
    CHECK(cached.upstream_calls == 0);
    CHECK(cached.body["email"] == "ada@example.com");
    CHECK(tenant.requests("users_get") == 1);
    CHECK(c.client().stats().cache_hits == 1);

    SECTION("a PATCH invalidates the user's entry, and only that one") {
        REQUIRE(c.get(grace).ok());
        REQUIRE(c.patch(ada, {{"nickname", "countess"}}).ok());
        const auto fresh = c.get(ada);
        REQUIRE(fresh.ok());
        CHECK_FALSE(fresh.from_cache);
        CHECK(fresh.body["nickname"] == "countess");
        CHECK(c.get(grace).from_cache);
        CHECK(tenant.requests("users_get") == 3);
    }
    SECTION("a failed PATCH invalidates too (it may have been applied)") {
        tenant.add_fault({{"endpoint", "users_patch"}, {"kind", "status"}, {"status", 500}});
        CHECK(c.patch(ada, {{"nickname", "x"}}).error == mgmt_error::upstream_unavailable);
        CHECK_FALSE(c.get(ada).from_cache);
    }
    SECTION("invalidate()") {
        c.client().invalidate(ada);
        CHECK_FALSE(c.get(ada).from_cache);
        CHECK(tenant.requests("users_get") == 2);
    }
}

TEST_CASE("users: a successful PATCH's answer replaces the cached record") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 60s;
    client_fixture c(s);
    REQUIRE(c.get(ada).ok());
    REQUIRE(c.patch(ada, {{"user_metadata", {{"city", "Paris"}}}}).ok());
    const auto r = c.get(ada);
    CHECK(r.from_cache);
    CHECK(r.body["user_metadata"]["city"] == "Paris");
    CHECK(tenant.requests("users_get") == 1);
}

TEST_CASE("users: a read in flight during a write does not fill the cache with what it saw") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 60s;
    s.cache_patch_answers = false;
    client_fixture c(s);
    REQUIRE(c.get(grace).ok());  // the token is cached: what follows is just the two calls
    c.client().invalidate(grace);
    tenant.reset_stats();
    // The read is held at the tenant past the write.
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "latency"}, {"latency_ms", 800}, {"count", 1}});
    std::promise<profiledesk::mgmt::mgmt_result> read;
    c.client().get_user(ada, std::chrono::steady_clock::now() + 20s,
                        [&](profiledesk::mgmt::mgmt_result r) { read.set_value(std::move(r)); });
    while (tenant.requests("users_get") == 0) std::this_thread::sleep_for(10ms);  // it reached the tenant
    REQUIRE(c.patch(ada, {{"nickname", "countess"}}).ok());
    REQUIRE(read.get_future().get().ok());
    const auto after = c.get(ada);
    REQUIRE(after.ok());
    CHECK_FALSE(after.from_cache);
    CHECK(after.body["nickname"] == "countess");
}

TEST_CASE("users: cached entries expire after the TTL") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 200ms;
    client_fixture c(s);
    REQUIRE(c.get(ada).ok());
    std::this_thread::sleep_for(400ms);  // longer than the TTL: only ever more expired on a slow machine
    const auto r = c.get(ada);
    REQUIRE(r.ok());
    CHECK_FALSE(r.from_cache);
    CHECK(tenant.requests("users_get") == 2);
}
