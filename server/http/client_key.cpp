#include "client_key.hpp"

namespace profiledesk::http {

namespace net = boost::asio;

std::string client_key(const net::ip::address& address) {
    if (address.is_v4()) return address.to_string();
    const auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;  // keep the network's 64 bits
    return net::ip::address_v6(bytes).to_string() + "/64";
}

std::string client_key(std::string_view address) {
    boost::system::error_code ec;
    const auto parsed = net::ip::make_address(std::string(address), ec);
    return ec ? std::string(address) : client_key(parsed);
}

}  // namespace profiledesk::http
