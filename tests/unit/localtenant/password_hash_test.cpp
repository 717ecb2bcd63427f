#include "localtenant/password_hash.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace profiledesk::localtenant;

TEST_CASE("password_hash: a hash verifies its password and no other", "[password_hash]") {
    const auto h = hash_password("correct horse", 1000);
    CHECK(verify_password("correct horse", h));
    CHECK_FALSE(verify_password("correct hors", h));
    CHECK_FALSE(verify_password("", h));
}

TEST_CASE("password_hash: the stored form is self-describing and salted", "[password_hash]") {
    const auto a = hash_password("pw", 1000);
    const auto b = hash_password("pw", 1000);
    CHECK(a.rfind("pbkdf2-sha256$1000$", 0) == 0);
    CHECK(a != b);  // a fresh salt each time
    CHECK(a.find("pw$") == std::string::npos);
}

TEST_CASE("password_hash: the default cost is OWASP's figure", "[password_hash]") {
    CHECK(default_password_iterations == 600000);
    CHECK_THROWS_AS(hash_password("pw", 999), std::invalid_argument);
}

TEST_CASE("password_hash: malformed stored strings never verify", "[password_hash]") {
    const auto good = hash_password("pw", 1000);
    CHECK_FALSE(verify_password("pw", ""));
    CHECK_FALSE(verify_password("pw", "pw"));
    CHECK_FALSE(verify_password("pw", "md5$1000$00$00"));
    CHECK_FALSE(verify_password("pw", "pbkdf2-sha256$10$" + good.substr(good.find('$', 14) + 1)));
    CHECK_FALSE(verify_password("pw", "pbkdf2-sha256$99999999999$aa$bb"));
    CHECK_FALSE(verify_password("pw", good + "$extra"));
    CHECK_FALSE(verify_password("pw", good.substr(0, good.size() - 2)));
}
