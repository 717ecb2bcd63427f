#include "http/listen_address.hpp"

#include <boost/asio/ip/address.hpp>

#include <charconv>

namespace profiledesk::http {

std::optional<listen_address> parse_listen_address(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto host = text.substr(0, colon);
    const auto port_text = text.substr(colon + 1);
    const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);

    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
        return std::nullopt;
    }
    boost::system::error_code bad;
    const auto address = boost::asio::ip::make_address(std::string(host), bad);
    // IPv6 only in brackets, so that the last ':' is surely the port's.
    if (bad || address.is_v6() != bracketed) return std::nullopt;
    return listen_address{std::string(host), static_cast<unsigned short>(port)};
}

}  // namespace profiledesk::http
