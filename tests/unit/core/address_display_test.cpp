#include "profiledesk/core/address_display.hpp"

#include <catch2/catch.hpp>

using profiledesk::core::shortened_address;

TEST_CASE("shortened address: IPv4 without its last part", "[address_display]") {
    CHECK(shortened_address("203.0.113.7") == "203.0.113.x");
    CHECK(shortened_address("127.0.0.1") == "127.0.0.x");
    CHECK(shortened_address("::ffff:198.51.100.23") == "198.51.100.x");
}

TEST_CASE("shortened address: IPv6 by its first 48 bits", "[address_display]") {
    CHECK(shortened_address("2001:db8:85a3:8d3:1319:8a2e:370:7348") == "2001:db8:85a3::/48");
    CHECK(shortened_address("2001:DB8:1::1") == "2001:db8:1::/48");
    CHECK(shortened_address("::1") == "::/48");
}

TEST_CASE("shortened address: anything else is unknown", "[address_display]") {
    CHECK(shortened_address("").empty());
    CHECK(shortened_address("localhost").empty());
    CHECK(shortened_address("203.0.113").empty());
    CHECK(shortened_address("203.0.113.7, 10.0.0.1").empty());
    CHECK(shortened_address(std::string(100, '1')).empty());
}
