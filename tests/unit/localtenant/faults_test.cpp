#include "localtenant/faults.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;
using nlohmann::json;

namespace {

fault parse_ok(const json& j) {
    auto r = parse_fault(j);
    REQUIRE(std::holds_alternative<fault>(r));
    return std::get<fault>(r);
}

std::string parse_error(const json& j) {
    auto r = parse_fault(j);
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
}

}  // namespace

TEST_CASE("faults: parse each kind", "[faults]") {
    const auto l = parse_ok({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 250}});
    CHECK(l.kind == fault_kind::latency);
    CHECK(l.latency_ms == 250);
    CHECK(l.count == 1);
    const auto s = parse_ok(
        {{"endpoint", "users_get"}, {"kind", "status"}, {"status", 429}, {"retry_after_s", 3}, {"count", 2}});
    CHECK(s.status == 429);
    CHECK(s.retry_after_s == 3);
    CHECK(s.count == 2);
    CHECK(parse_ok({{"kind", "drop"}}).endpoint == "*");
    CHECK(parse_ok({{"endpoint", "jwks"}, {"kind", "malformed"}}).kind == fault_kind::malformed);
}

TEST_CASE("faults: bad requests say what is wrong", "[faults]") {
    CHECK(parse_error(json::array()).find("object") != std::string::npos);
    CHECK(parse_error({{"kind", "explode"}}).find("kind must be") != std::string::npos);
    CHECK(parse_error({{"endpoint", "nope"}, {"kind", "drop"}}).find("endpoint must be one of") != std::string::npos);
    CHECK(parse_error({{"kind", "status"}}).find("status is required") != std::string::npos);
    CHECK(parse_error({{"kind", "status"}, {"status", 200}}).find("status must be") != std::string::npos);
    CHECK(parse_error({{"kind", "latency"}}).find("latency_ms is required") != std::string::npos);
    CHECK(parse_error({{"kind", "drop"}, {"count", -1}}).find("count") != std::string::npos);
}

TEST_CASE("faults: a fault is used count times, then gone", "[faults]") {
    fault_table t;
    t.add(parse_ok({{"endpoint", "token"}, {"kind", "drop"}, {"count", 2}}));
    CHECK_FALSE(t.take("users_get"));
    CHECK(t.take("token"));
    CHECK(t.take("token"));
    CHECK_FALSE(t.take("token"));
}

TEST_CASE("faults: count 0 lasts until cleared; * matches every endpoint", "[faults]") {
    fault_table t;
    t.add(parse_ok({{"kind", "status"}, {"status", 503}, {"count", 0}}));
    for (int i = 0; i < 5; ++i) CHECK(t.take("jwks"));
    CHECK(t.to_json().size() == 1);
    t.clear();
    CHECK_FALSE(t.take("jwks"));
}

TEST_CASE("faults: the first matching fault wins", "[faults]") {
    fault_table t;
    t.add(parse_ok({{"endpoint", "token"}, {"kind", "latency"}, {"latency_ms", 10}}));
    t.add(parse_ok({{"endpoint", "token"}, {"kind", "drop"}}));
    CHECK(t.take("token")->kind == fault_kind::latency);
    CHECK(t.take("token")->kind == fault_kind::drop);
}

TEST_CASE("faults: stats count requests per endpoint and grants", "[faults]") {
    request_stats s;
    s.count("token");
    s.count("token");
    s.count_grant("client_credentials");
    CHECK(s.to_json()["rate_limited"] == 0);
    s.count_rate_limited();
    const auto j = s.to_json();
    CHECK(j["requests"]["token"] == 2);
    CHECK(j["requests"]["users_get"] == 0);
    CHECK(j["token_grants"]["client_credentials"] == 1);
    CHECK(j["rate_limited"] == 1);
    s.reset();
    CHECK(s.to_json()["requests"]["token"] == 0);
    CHECK(s.to_json()["rate_limited"] == 0);
}
