#include "mgmt/granted_scopes.hpp"

#include <catch2/catch.hpp>

using profiledesk::mgmt::scopes_of_token_answer;
using nlohmann::json;

TEST_CASE("granted scopes: the token answer's scope, word by word") {
    const auto scopes = scopes_of_token_answer(
        json{{"access_token", "x"}, {"expires_in", 86400}, {"scope", "read:users update:users  delete:users"}});
    REQUIRE(scopes);
    CHECK(*scopes == std::set<std::string>{"read:users", "update:users", "delete:users"});
    CHECK(scopes_of_token_answer(json{{"scope", ""}})->empty());
}

TEST_CASE("granted scopes: an answer without a scope says nothing") {
    CHECK_FALSE(scopes_of_token_answer(json{{"access_token", "x"}}));
    CHECK_FALSE(scopes_of_token_answer(json{{"scope", 3}}));
    CHECK_FALSE(scopes_of_token_answer(json::array()));
}
