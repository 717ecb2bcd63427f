// Which addresses a fetch of a user-given URL (the profile picture) may reach.
#include "upstream/address_policy.hpp"

#include <catch2/catch.hpp>

using profiledesk::upstream::is_public_address;
using boost::asio::ip::make_address;

TEST_CASE("address_policy: globally routable unicast addresses are public") {
    for (const auto* a : {"8.8.8.8", "1.1.1.1", "142.250.74.46", "104.16.0.1", "2606:4700:4700::1111",
                          "2a00:1450:4001:82a::200e", "172.32.0.1", "100.128.0.1", "11.0.0.1",
                          "64:ff9b::808:808"}) {  // NAT64 of 8.8.8.8 (DNS64 on an IPv6-only host)
        INFO(a);
        CHECK(is_public_address(make_address(a)));
    }
}

TEST_CASE("address_policy: loopback, private, link-local and special ranges are not") {
    for (const auto* a : {
             "127.0.0.1",
             "127.1.2.3",
             "0.0.0.0",
             "0.1.2.3",  // loopback, "this network"
             "10.0.0.1",
             "172.16.0.1",
             "172.31.255.255",
             "192.168.1.1",  // RFC 1918
             "100.64.0.1",
             "100.127.255.255",  // carrier-grade NAT
             "169.254.169.254",  // cloud metadata
             "192.0.0.8",
             "192.0.2.1",
             "198.51.100.7",
             "203.0.113.9",  // assignments, documentation
             "198.18.0.1",
             "198.19.255.255",  // benchmarking
             "224.0.0.1",
             "239.255.255.250",
             "240.0.0.1",
             "255.255.255.255",
             "::",
             "::1",
             "fe80::1",
             "fc00::1",
             "fd12:3456::1",
             "ff02::1",
             "fec0::1",
             "::ffff:127.0.0.1",
             "::ffff:8.8.8.8",       // IPv4-mapped: never needed, always suspect
             "::127.0.0.1",          // IPv4-compatible
             "64:ff9b::a9fe:a9fe",   // NAT64 of 169.254.169.254
             "64:ff9b::a00:1",       // NAT64 of 10.0.0.1
             "64:ff9b:1::808:808",   // local-use NAT64
             "2002:7f00:1::1",       // 6to4 of 127.0.0.1
             "2001:0:4136:e378::1",  // Teredo
             "2001:db8::1",          // documentation
             "100::1",               // discard-only
             "4000::1",              // outside 2000::/3
         }) {
        INFO(a);
        CHECK_FALSE(is_public_address(make_address(a)));
    }
}
