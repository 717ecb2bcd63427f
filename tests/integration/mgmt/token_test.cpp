// The M2M token against a real localtenant: fetched once for many callers,
// cached across calls, refreshed exactly once after a 401, errors surfaced.
#include "tenant_process.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace mgmt_test;
using profiledesk::mgmt::mgmt_error;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("token: fetched once across 50 concurrent calls and the sequential calls after them") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture c(s);
    // The token is slow to come, so all 50 calls are waiting for it at once
    // (and the 10 reads of ada overlap), however the machine schedules this thread.
    tenant.add_fault({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 500}});
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) ids.push_back(i % 5 == 0 ? ada : "auth0|nobody-" + std::to_string(i));
    const auto results = c.get_many(ids);
    for (std::size_t i = 0; i < results.size(); ++i) {
        CHECK(results[i].error == (i % 5 == 0 ? mgmt_error::none : mgmt_error::not_found));
    }
    CHECK(tenant.token_requests() == 1);
    CHECK(tenant.stats()["token_grants"]["client_credentials"] == 1);
    CHECK(c.client().stats().token_fetches == 1);
    CHECK(tenant.requests("users_get") == 41);  // 40 unknown ids, and the 10 reads of ada coalesced
    for (int i = 0; i < 10; ++i) CHECK(c.get(i % 2 ? grace : zoe).ok());
    REQUIRE(c.patch(grace, {{"nickname", "amazing"}}).ok());
    CHECK(tenant.token_requests() == 1);
    CHECK(c.client().tokens().has_fresh_token());
}

TEST_CASE("token: a 401 from the API causes one refresh and one retry, which succeeds") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    REQUIRE(c.get(grace).ok());
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 401}, {"count", 1}});
    const auto r = c.get(ada);
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.body["user_id"] == ada);
    CHECK(r.upstream_calls == 2);
    CHECK(tenant.token_requests() == 2);
    CHECK(tenant.requests("users_get") == 3);
    CHECK(c.client().stats().token_invalidations == 1);
}

TEST_CASE("token: a persistent 401 is `unauthorized` after exactly one retry, never a loop") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 401}, {"count", 0}});
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::unauthorized);
    CHECK(r.status == 401);
    CHECK(r.upstream_calls == 2);
    CHECK(tenant.requests("users_get") == 2);
    CHECK(tenant.token_requests() == 2);
    SECTION("the same for a PATCH") {
        tenant.reset_stats();
        tenant.add_fault({{"endpoint", "users_patch"}, {"kind", "status"}, {"status", 401}, {"count", 0}});
        const auto p = c.patch(ada, {{"nickname", "x"}});
        CHECK(p.error == mgmt_error::unauthorized);
        CHECK(tenant.requests("users_patch") == 2);
        CHECK(tenant.token_requests() == 1);
    }
}

TEST_CASE("token: many concurrent 401s for the same token cause ONE refresh") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture c(s);
    // The first token is slow to come: all the calls queue on it, so all of
    // them send the same token (the one the tenant then refuses).
    tenant.add_fault({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 300}});
    const std::vector<std::string> ids = {ada, grace, zoe, gina, "github|42", "auth0|n1", "auth0|n2", "auth0|n3"};
    tenant.add_fault(
        {{"endpoint", "users_get"}, {"kind", "status"}, {"status", 401}, {"count", static_cast<int>(ids.size())}});
    const auto results = c.get_many(ids);
    int answered = 0;
    for (const auto& r : results) {
        // Each call gets through with the new token, unless its own retry was one of the
        // 8 faulted requests (a race the fault table decides): then unauthorized, not a loop.
        CHECK((r.ok() || r.error == mgmt_error::not_found || r.error == mgmt_error::unauthorized));
        CHECK(r.upstream_calls <= 2);
        answered += r.error != mgmt_error::unauthorized ? 1 : 0;
    }
    CHECK(answered >= 1);
    CHECK(tenant.token_requests() == 2);  // the first token, and one refresh
    CHECK(c.client().stats().token_invalidations == 1);
}

TEST_CASE("token: an expired token is replaced before the tenant would refuse it") {
    tenant_options o;
    o.extra_args = {"--m2m-token-ttl", "2"};
    tenant_process tenant(o);
    client_fixture c(settings_for(tenant));
    REQUIRE(c.get(ada).ok());
    std::this_thread::sleep_for(2500ms);  // past its lifetime
    const auto r = c.get(grace);
    REQUIRE(r.ok());
    CHECK(r.upstream_calls == 1);  // no 401 spent on the old token
    CHECK(tenant.token_requests() == 2);
}

TEST_CASE("token: a wrong client secret is `unauthorized` and no users request is sent") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.client_secret = "wrong-secret";
    client_fixture c(s);
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::unauthorized);
    CHECK(r.message.find("invalid_client") != std::string::npos);
    CHECK(r.message.find("wrong-secret") == std::string::npos);
    CHECK(r.upstream_calls == 0);
    CHECK(tenant.requests("users_get") == 0);
    CHECK(tenant.token_requests() == 1);  // a 401 from the token endpoint is not retried
}

TEST_CASE("token: token endpoint failures are retried like a read, then surfaced") {
    tenant_process tenant;
    client_fixture c(settings_for(tenant));
    SECTION("a 503 once, then a token") {
        tenant.add_fault(
            {{"endpoint", "token"}, {"kind", "status"}, {"status", 503}, {"retry_after_s", 0}, {"count", 1}});
        CHECK(c.get(ada).ok());
        CHECK(tenant.token_requests() == 2);
    }
    SECTION("a malformed answer once, then a token") {
        tenant.add_fault({{"endpoint", "token"}, {"kind", "malformed"}, {"count", 1}});
        CHECK(c.get(ada).ok());
        CHECK(tenant.token_requests() == 2);
    }
    SECTION("always 500: upstream_unavailable after 3 attempts") {
        tenant.add_fault({{"endpoint", "token"}, {"kind", "status"}, {"status", 500}, {"count", 0}});
        const auto r = c.get(ada);
        CHECK(r.error == mgmt_error::upstream_unavailable);
        CHECK(r.message.find("token request") != std::string::npos);
        CHECK(tenant.token_requests() == 3);
        CHECK(tenant.requests("users_get") == 0);
    }
}

TEST_CASE("token: neither the token nor the secret appears in any log line") {
    tenant_process tenant;
    auto s = settings_for(tenant);
    s.cache_ttl = 0ms;
    client_fixture c(s);
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 401}, {"count", 1}});
    REQUIRE(c.get(ada).ok());
    tenant.add_fault({{"endpoint", "users_get"}, {"kind", "status"}, {"status", 500}, {"count", 1}});
    REQUIRE(c.get(ada).ok());
    tenant.add_fault(
        {{"endpoint", "users_get"}, {"kind", "status"}, {"status", 429}, {"retry_after_s", 1}, {"count", 1}});
    REQUIRE(c.get(ada).ok());
    const auto lines = c.log_lines();
    CHECK(lines.size() >= 4);  // token fetched twice, a 401, a retry, a rate-limit wait
    for (const auto& line : lines) {
        INFO(line);
        CHECK(line.find(client_secret) == std::string::npos);
        CHECK(line.find("eyJ") == std::string::npos);  // a JWT's base64url header
        CHECK(line.find("ada") == std::string::npos);  // nor a user id or profile value
        CHECK(line.find("London") == std::string::npos);
    }
}
