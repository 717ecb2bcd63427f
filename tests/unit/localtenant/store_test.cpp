#include "localtenant/store.hpp"
#include "localtenant/seed.hpp"
#include "test_seed.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <thread>
#include <vector>

using namespace profiledesk::localtenant;
using nlohmann::json;

namespace {

void seed_store(store& db) {
    apply_seed(db, parse_seed(localtenant_test::small_seed(), system_time(std::chrono::seconds(1700000000))));
}

}  // namespace

TEST_CASE("store: clients and connections round-trip", "[store]") {
    store db(":memory:");
    seed_store(db);
    const auto app = db.find_client("app");
    REQUIRE(app);
    CHECK(app->client_secret == "s3cret");
    CHECK(app->callbacks == std::vector<std::string>{"http://localhost:8080/callback"});
    CHECK(app->management_api_scopes == std::vector<std::string>{"read:users", "update:users"});
    CHECK_FALSE(db.find_client("nope"));
    const auto gh = db.find_connection("github");
    REQUIRE(gh);
    CHECK(gh->strategy == "github");
    CHECK(gh->is_social);
    CHECK(gh->set_user_root_attributes == "on_first_login");
}

TEST_CASE("store: login candidates by email, database connections first", "[store]") {
    store db(":memory:");
    seed_store(db);
    db.insert_user(
        {"google-oauth2|ada", "google-oauth2", "ada@example.com", "x", json{{"user_id", "google-oauth2|ada"}}});
    const auto all = db.find_login_candidates("ada@example.com", "");
    REQUIRE(all.size() == 2);
    CHECK(all[0].user_id == "auth0|ada");
    CHECK(db.find_login_candidates("ada@example.com", "google-oauth2").size() == 1);
    CHECK(db.find_login_candidates("gh@example.com", "").empty());  // no password: cannot sign in
}

TEST_CASE("store: update_user is an atomic read-modify-write", "[store]") {
    store db(":memory:");
    seed_store(db);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&db] {
            for (int i = 0; i < 25; ++i) {
                db.update_user("auth0|ada", [](user_record& u) {
                    u.profile["logins_count"] = u.profile["logins_count"].get<int>() + 1;
                    return true;
                });
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(db.find_user("auth0|ada")->profile["logins_count"] == 100);
    CHECK_FALSE(db.update_user("auth0|nobody", [](user_record&) { return true; }));
}

TEST_CASE("store: a change that duplicates an email in the connection is refused", "[store]") {
    store db(":memory:");
    seed_store(db);
    db.insert_user(
        {"auth0|bob", "Username-Password-Authentication", "bob@example.com", "", json{{"user_id", "auth0|bob"}}});
    CHECK_THROWS_AS(db.update_user("auth0|bob",
                                   [](user_record& u) {
                                       u.email = "ada@example.com";
                                       return true;
                                   }),
                    duplicate_email);
    CHECK(db.find_user("auth0|bob")->email == "bob@example.com");
}

TEST_CASE("store: a file database survives reopening", "[store]") {
    const std::string path = "localtenant_store_test.db";
    std::remove(path.c_str());
    {
        store db(path);
        seed_store(db);
        db.add_signing_key({"kid-1", "PEM", "2024-01-01T00:00:00.000Z"});
        db.update_user("auth0|ada", [](user_record& u) {
            u.profile["name"] = "Changed";
            return true;
        });
    }
    {
        store db(path);
        CHECK(db.user_count() == 3);
        CHECK(db.find_user("auth0|ada")->profile["name"] == "Changed");
        REQUIRE(db.signing_keys().size() == 1);
        CHECK(db.signing_keys()[0].kid == "kid-1");
        CHECK(db.settings().allowed_logout_urls.size() == 1);
    }
    for (const auto& suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST_CASE("store: an unopenable path is a store_error", "[store]") {
    CHECK_THROWS_AS(store("/nonexistent-dir/x/y.db"), store_error);
}
