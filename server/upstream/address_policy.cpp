#include "upstream/address_policy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>

namespace profiledesk::upstream {

namespace {

using boost::asio::ip::address_v4;
using boost::asio::ip::address_v6;

struct v4_range {
    std::uint32_t network;
    int prefix;
};

bool in(std::uint32_t a, v4_range r) {
    const std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t(0) << (32 - r.prefix);
    return (a & mask) == (r.network & mask);
}

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) { return a << 24 | b << 16 | c << 8 | d; }

// IANA's special-purpose IPv4 registry, less nothing that is globally reachable.
constexpr std::array<v4_range, 15> special_v4 = {{
    {v4(0, 0, 0, 0), 8},        // "this network"
    {v4(10, 0, 0, 0), 8},       // private
    {v4(100, 64, 0, 0), 10},    // carrier-grade NAT
    {v4(127, 0, 0, 0), 8},      // loopback
    {v4(169, 254, 0, 0), 16},   // link-local, cloud metadata services
    {v4(172, 16, 0, 0), 12},    // private
    {v4(192, 0, 0, 0), 24},     // protocol assignments
    {v4(192, 0, 2, 0), 24},     // documentation
    {v4(192, 88, 99, 0), 24},   // 6to4 relay anycast (deprecated)
    {v4(192, 168, 0, 0), 16},   // private
    {v4(198, 18, 0, 0), 15},    // benchmarking
    {v4(198, 51, 100, 0), 24},  // documentation
    {v4(203, 0, 113, 0), 24},   // documentation
    {v4(224, 0, 0, 0), 4},      // multicast
    {v4(240, 0, 0, 0), 4},      // reserved, broadcast
}};

bool is_public_v4(const address_v4& a) {
    const auto n = a.to_uint();
    for (const auto& r : special_v4) {
        if (in(n, r)) return false;
    }
    return true;
}

bool starts_with(const address_v6::bytes_type& b, std::initializer_list<unsigned char> prefix, int bits) {
    int i = 0;
    for (const auto p : prefix) {
        const int take = std::min(8, bits - i * 8);
        if (take <= 0) break;
        const unsigned char mask = static_cast<unsigned char>(0xff << (8 - take));
        if ((b[i] & mask) != (p & mask)) return false;
        ++i;
    }
    return true;
}

bool is_public_v6(const address_v6& a) {
    if (a.is_unspecified() || a.is_loopback() || a.is_multicast() || a.is_link_local() || a.is_site_local()) {
        return false;
    }
    if (a.is_v4_mapped()) return false;  // ::ffff:a.b.c.d is handed to IPv4 by the stack: never needed
    const auto b = a.to_bytes();
    if (starts_with(b, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) return false;  // IPv4-compatible (deprecated)
    if (starts_with(b, {0xfc}, 7)) return false;                                 // unique local
    if (starts_with(b, {0x20, 0x01, 0x0d, 0xb8}, 32)) return false;              // documentation
    if (starts_with(b, {0x20, 0x02}, 16)) return false;                          // 6to4: embeds IPv4
    if (starts_with(b, {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) {
        // NAT64 (DNS64 on IPv6-only hosts): as public as the IPv4 address it carries.
        return is_public_v4(address_v4({b[12], b[13], b[14], b[15]}));
    }
    if (starts_with(b, {0x00, 0x64, 0xff, 0x9b}, 32)) return false;        // local-use NAT64 (RFC 8215)
    if (starts_with(b, {0x20, 0x01, 0x00, 0x00}, 32)) return false;        // Teredo: embeds IPv4
    if (starts_with(b, {0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64)) return false;  // discard-only
    // Only the global unicast block 2000::/3 is routable on the Internet.
    return starts_with(b, {0x20}, 3);
}

}  // namespace

bool is_public_address(const boost::asio::ip::address& a) {
    return a.is_v4() ? is_public_v4(a.to_v4()) : is_public_v6(a.to_v6());
}

}  // namespace profiledesk::upstream
