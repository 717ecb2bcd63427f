#include "profiledesk/core/address_display.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace profiledesk::core {

namespace {

std::string ipv4_shortened(const unsigned char* bytes) {
    return std::to_string(bytes[0]) + "." + std::to_string(bytes[1]) + "." + std::to_string(bytes[2]) + ".x";
}

}  // namespace

std::string shortened_address(std::string_view address) {
    // inet_pton (POSIX) parses every textual form, zero compression and
    // embedded IPv4 included; it needs a NUL-terminated string. 45 characters
    // is the longest IPv6 text (INET6_ADDRSTRLEN - 1): anything longer is no address.
    if (address.empty() || address.size() >= INET6_ADDRSTRLEN) return {};
    const std::string text(address);
    std::array<unsigned char, 16> bytes{};
    if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return ipv4_shortened(bytes.data());
    if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return {};
    static constexpr std::array<unsigned char, 12> v4_mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(bytes.data(), v4_mapped.data(), v4_mapped.size()) == 0) return ipv4_shortened(bytes.data() + 12);
    for (std::size_t i = 6; i < bytes.size(); ++i) bytes[i] = 0;  // keep 48 bits
    std::array<char, INET6_ADDRSTRLEN> out{};
    if (inet_ntop(AF_INET6, bytes.data(), out.data(), out.size()) == nullptr) return {};
    return std::string(out.data()) + "/48";
}

}  // namespace profiledesk::core
