#include "mgmt/connection_policies.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using nlohmann::json;

TEST_CASE("connections_url asks for one connection by name, its options only") {
    mgmt::mgmt_settings s;
    s.issuer = "https://tenant.example.com/";
    CHECK(mgmt::connections_url(s, "Username-Password-Authentication") ==
          "https://tenant.example.com/api/v2/connections?name=Username-Password-Authentication&fields=name,options");
    CHECK(mgmt::connections_url(s, "a b&c") ==
          "https://tenant.example.com/api/v2/connections?name=a%20b%26c&fields=name,options");
}

TEST_CASE("policy_from_connections takes the named connection's options") {
    const json answer = json::array({
        {{"name", "other"}, {"options", {{"passwordPolicy", "low"}}}},
        {{"name", "db"},
         {"options", {{"passwordPolicy", "fair"}, {"password_complexity_options", {{"min_length", 9}}}}}},
    });
    const auto p = mgmt::policy_from_connections(answer, "db");
    REQUIRE(p);
    CHECK(p->level == core::password_level::fair);
    CHECK(p->min_length == std::optional<std::size_t>(9));

    CHECK(mgmt::policy_from_connections(json::array({{{"name", "db"}}}), "db")->level == core::password_level::none);
    CHECK_FALSE(mgmt::policy_from_connections(answer, "missing"));
    CHECK_FALSE(mgmt::policy_from_connections(json::object(), "db"));
    CHECK_FALSE(mgmt::policy_from_connections(json::parse("[1, \"db\", null]"), "db"));
}
