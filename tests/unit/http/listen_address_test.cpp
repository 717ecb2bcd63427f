#include "http/listen_address.hpp"

#include <catch2/catch.hpp>

using profiledesk::http::parse_listen_address;

TEST_CASE("listen address: IPv4 and bracketed IPv6 with a port") {
    const auto v4 = parse_listen_address("127.0.0.1:9464");
    REQUIRE(v4);
    CHECK(v4->host == "127.0.0.1");
    CHECK(v4->port == 9464);
    const auto v6 = parse_listen_address("[::1]:0");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 0);
    CHECK(parse_listen_address("0.0.0.0:65535")->port == 65535);
}

TEST_CASE("listen address: what is refused") {
    for (const char* bad :
         {"", ":9464", "9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+80",
          "127.0.0.1:80x", "localhost:9464", "::1:9464", "[127.0.0.1]:9464", "[::1]", "[::1:9464", "256.0.0.1:80"}) {
        INFO(bad);
        CHECK_FALSE(parse_listen_address(bad));
    }
}
