#include "localtenant/seed.hpp"
#include "localtenant/password_hash.hpp"
#include "test_seed.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

using namespace profiledesk::localtenant;
using nlohmann::json;
using localtenant_test::small_seed;

namespace {
const system_time now = system_time(std::chrono::seconds(1700000000));
}

TEST_CASE("seed: users get Auth0's shape and defaults", "[seed]") {
    const auto s = parse_seed(small_seed(), now);
    REQUIRE(s.users.size() == 3);
    const auto& ada = s.users[0].record.profile;
    CHECK(ada["user_id"] == "auth0|ada");
    CHECK(ada["email"] == "ada@example.com");  // lowercased: a database connection
    CHECK(ada["email_verified"] == false);
    CHECK(ada["nickname"] == "ada");
    CHECK(ada["identities"][0] == json{{"connection", "Username-Password-Authentication"},
                                       {"user_id", "ada"},
                                       {"provider", "auth0"},
                                       {"isSocial", false}});
    CHECK(ada["created_at"] == "2023-11-14T22:13:20.000Z");
    CHECK(ada["updated_at"] == ada["created_at"]);
    CHECK(ada["logins_count"] == 0);
    CHECK(ada["app_metadata"] == json{{"plan", "gold"}});
    CHECK_FALSE(ada.contains("password"));
    const auto& google = s.users[1].record.profile;
    CHECK(google["identities"][0]["provider"] == "google-oauth2");
    CHECK(google["identities"][0]["isSocial"] == true);
    CHECK(google["name"] == "g@example.com");
    CHECK(google["user_metadata"] == json::object());
}

TEST_CASE("seed: connections and clients", "[seed]") {
    const auto s = parse_seed(small_seed(), now);
    REQUIRE(s.connections.size() == 3);
    CHECK(s.connections[1].is_social);
    CHECK(s.connections[1].set_user_root_attributes == "on_each_login");
    CHECK_FALSE(s.connections[0].is_social);
    REQUIRE(s.clients.size() == 1);
    CHECK(s.clients[0].allows_grant("client_credentials"));
    CHECK(s.password_iterations == 1000);
    CHECK(s.settings.allowed_logout_urls == std::vector<std::string>{"http://localhost:8080/"});
}

TEST_CASE("seed: mistakes are named by their place in the file", "[seed]") {
    auto doc = small_seed();
    doc["users"][2]["connection"] = "nope";
    CHECK_THROWS_WITH(parse_seed(doc, now), "users[2].connection: no connection named 'nope'");
    doc = small_seed();
    doc["users"][1]["user_id"] = "auth0|ada";
    CHECK_THROWS_WITH(parse_seed(doc, now), "users[1].user_id: duplicate auth0|ada");
    doc = small_seed();
    doc["users"][0]["user_id"] = "ada";
    CHECK_THROWS_AS(parse_seed(doc, now), seed_error);
    doc = small_seed();
    doc["clients"][0]["grant_types"] = {"implicit"};
    CHECK_THROWS_AS(parse_seed(doc, now), seed_error);
    doc = small_seed();
    doc["connections"][1]["options"]["set_user_root_attributes"] = "sometimes";
    CHECK_THROWS_AS(parse_seed(doc, now), seed_error);
    doc = small_seed();
    doc["password_iterations"] = 10;
    CHECK_THROWS_AS(parse_seed(doc, now), seed_error);
}

TEST_CASE("seed: applying twice keeps users edited in between", "[seed]") {
    store db(":memory:");
    const auto s = parse_seed(small_seed(), now);
    const auto first = apply_seed(db, s);
    CHECK(first.users_added == 3);
    db.update_user("auth0|ada", [](user_record& u) {
        u.profile["name"] = "Countess";
        return true;
    });
    const auto second = apply_seed(db, s);
    CHECK(second.users_added == 0);
    CHECK(second.users_kept == 3);
    CHECK(db.find_user("auth0|ada")->profile["name"] == "Countess");
}

TEST_CASE("seed: passwords are stored hashed, never plain", "[seed]") {
    store db(":memory:");
    apply_seed(db, parse_seed(small_seed(), now));
    const auto ada = db.find_user("auth0|ada");
    REQUIRE(ada);
    CHECK(ada->password_hash.rfind("pbkdf2-sha256$1000$", 0) == 0);
    CHECK(ada->password_hash.find("pw-ada") == std::string::npos);
    CHECK(verify_password("pw-ada", ada->password_hash));
    CHECK(db.find_user("github|9")->password_hash.empty());
}

TEST_CASE("seed: the project's seed.json is valid and has the users the issue asks for", "[seed]") {
    const auto s = load_seed_file(LOCALTENANT_SEED_JSON, now);
    int database = 0, google = 0, non_ascii = 0;
    for (const auto& u : s.users) {
        if (u.record.connection == "Username-Password-Authentication") ++database;
        if (u.record.connection == "google-oauth2") ++google;
        const auto name = u.record.profile.value("name", "");
        if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
            ++non_ascii;
        }
        CHECK_FALSE(u.password.empty());
    }
    CHECK(database >= 2);
    CHECK(google >= 1);
    CHECK(non_ascii >= 1);
    REQUIRE_FALSE(s.clients.empty());
    CHECK(s.clients[0].client_id == "profiledesk-local");
}

TEST_CASE("seed: a missing or broken file is a seed_error", "[seed]") {
    CHECK_THROWS_AS(load_seed_file("/nonexistent/seed.json", now), seed_error);
    const std::string path = "localtenant_broken_seed.json";
    std::ofstream(path) << "{ not json";
    CHECK_THROWS_WITH(load_seed_file(path, now), Catch::Contains("not valid JSON"));
    std::remove(path.c_str());
}
