#include "redis/url.hpp"

#include <catch2/catch.hpp>

using profiledesk::redis::parse_redis_url;
using profiledesk::redis::redacted;

TEST_CASE("a Redis URL names host, port, database, user and password") {
    std::string error;
    auto u = parse_redis_url("redis://cache.internal", error);
    REQUIRE(u);
    CHECK_FALSE(u->tls);
    CHECK(u->host == "cache.internal");
    CHECK(u->port == 6379);
    CHECK(u->db == 0);
    CHECK(u->password.empty());

    u = parse_redis_url("rediss://app:s%40cret@10.0.0.5:6380/3", error);
    REQUIRE(u);
    CHECK(u->tls);
    CHECK(u->user == "app");
    CHECK(u->password == "s@cret");
    CHECK(u->host == "10.0.0.5");
    CHECK(u->port == 6380);
    CHECK(u->db == 3);

    u = parse_redis_url("redis://:only-password@[::1]:7000/", error);
    REQUIRE(u);
    CHECK(u->user.empty());
    CHECK(u->password == "only-password");
    CHECK(u->host == "::1");
    CHECK(u->port == 7000);
}

TEST_CASE("a malformed Redis URL is an error that names the problem and never the password") {
    const char* bad[] = {
        "memory",                  // not a URL
        "http://host:6379",        // another scheme
        "redis://",                // no host
        "redis://host:0",          // port out of range
        "redis://host:65536",      // port out of range
        "redis://host:",           // empty port
        "redis://host:12ab",       // port not a number
        "redis://host/16",         // database out of range
        "redis://host/x",          // database not a number
        "redis://host?timeout=1",  // a query we would ignore
        "redis://secret@host",     // password or user? refuse to guess
        "redis://user:@host",      // empty password
        "redis://u:bad%zz@host",   // malformed escape
        "redis://[::1",            // unclosed IPv6
        "redis://ho st",           // a space
    };
    for (const char* text : bad) {
        INFO(text);
        std::string error;
        CHECK_FALSE(parse_redis_url(text, error));
        CHECK_FALSE(error.empty());
        CHECK(error.find("secret") == std::string::npos);
        CHECK(error.find("bad%zz") == std::string::npos);
    }
}

TEST_CASE("the URL as logged hides the password") {
    std::string error;
    const auto u = parse_redis_url("rediss://app:hunter2@cache:6380/1", error);
    REQUIRE(u);
    CHECK(redacted(*u) == "rediss://app:***@cache:6380/1");
    CHECK(redacted(*parse_redis_url("redis://[::1]", error)) == "redis://[::1]:6379/0");
}
