#include "http/client_key.hpp"
#include "http/per_client_budget.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;

TEST_CASE("client key: IPv4 as it is, IPv6 by its /64, IPv4-mapped IPv6 as IPv4") {
    CHECK(client_key("203.0.113.7") == "203.0.113.7");
    CHECK(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    CHECK(client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    CHECK(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));
    CHECK(client_key("::1") == "::/64");
    CHECK(client_key("::ffff:203.0.113.7") == "203.0.113.7");
    SECTION("not an address: kept as it is") {
        CHECK(client_key("a") == "a");
        CHECK(client_key("") == "");
    }
    SECTION("the same from a parsed address") {
        CHECK(client_key(boost::asio::ip::make_address("2001:db8::9")) == "2001:db8::/64");
    }
}

TEST_CASE("per-client budget: an IPv6 client's /64 shares one budget") {
    per_client_budget t({1, 0.001});
    const per_client_budget::clock::time_point now{};
    double wait = 0;
    CHECK(t.take("2001:db8:1:2::1", now, wait));
    CHECK_FALSE(t.take("2001:db8:1:2::2", now, wait));  // another /128 of the same /64
    CHECK_FALSE(t.take("2001:db8:1:2:dead:beef:0:1", now, wait));
    CHECK(t.take("2001:db8:1:3::1", now, wait));  // another /64
    CHECK(t.take("198.51.100.1", now, wait));
    CHECK_FALSE(t.take("::ffff:198.51.100.1", now, wait));  // the same IPv4 client
}
