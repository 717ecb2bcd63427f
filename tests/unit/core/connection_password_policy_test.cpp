#include "profiledesk/core/connection_password_policy.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

TEST_CASE("password_policy_from_options reads Auth0's connection options") {
    const auto p = password_policy_from_options(
        json{{"passwordPolicy", "excellent"}, {"password_complexity_options", {{"min_length", 12}}}});
    CHECK(p.level == password_level::excellent);
    CHECK(p.min_length == std::optional<std::size_t>(12));

    SECTION("absent, null or unknown is Auth0's default, none") {
        for (const auto& options : {json::object(), json{{"passwordPolicy", nullptr}}, json{{"passwordPolicy", "odd"}},
                                    json{{"passwordPolicy", 3}}, json::array()}) {
            const auto q = password_policy_from_options(options);
            CHECK(q.level == password_level::none);
            CHECK_FALSE(q.min_length);
        }
    }
    SECTION("a min_length outside 1..128 is ignored") {
        for (const auto& m : {json(0), json(129), json(-3), json("8")}) {
            CHECK_FALSE(
                password_policy_from_options(json{{"password_complexity_options", {{"min_length", m}}}}).min_length);
        }
    }
}

TEST_CASE("password_policy_options_problem names what a seed got wrong") {
    CHECK_FALSE(password_policy_options_problem(json::object()));
    CHECK_FALSE(password_policy_options_problem(json{{"passwordPolicy", "good"}}));
    CHECK_FALSE(password_policy_options_problem(json{{"passwordPolicy", nullptr}}));
    CHECK(password_policy_options_problem(json{{"passwordPolicy", "strong"}}));
    CHECK(password_policy_options_problem(json{{"password_complexity_options", {{"min_length", 200}}}}));
}
