// The answers for a Management API call that did not give us the user: the
// shared state (Redis) out of reach is the store's 503, not the provider's.
#include "api/upstream_failure.hpp"

#include "profiledesk/core/api_errors.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace profiledesk;

TEST_CASE("upstream_failure: store_unavailable is 503 session_store_unavailable with Retry-After") {
    mgmt::mgmt_result r;
    r.error = mgmt::mgmt_error::store_unavailable;
    const auto res = api::upstream_failure(r);
    CHECK(res.result_int() == 503);
    CHECK(nlohmann::json::parse(res.body())["error"] == core::api_error::session_store_unavailable);
    CHECK(!res[http::beast_http::field::retry_after].empty());
}

TEST_CASE("upstream_failure: rate_limited stays the provider's 503 upstream_rate_limited") {
    mgmt::mgmt_result r;
    r.error = mgmt::mgmt_error::rate_limited;
    r.retry_after = std::chrono::seconds(3);
    const auto res = api::upstream_failure(r);
    CHECK(res.result_int() == 503);
    CHECK(nlohmann::json::parse(res.body())["error"] == core::api_error::upstream_rate_limited);
    CHECK(res[http::beast_http::field::retry_after] == "3");
}
