// Which IP addresses a fetch of a user-given URL may connect to. A picture
// URL is the user's to set (database users edit `picture`), so fetching it
// from our server must not reach what only the server can reach: loopback,
// private networks, link-local (cloud metadata at 169.254.169.254), and the
// like (server-side request forgery).
#pragma once

#include <boost/asio/ip/address.hpp>

namespace profiledesk::upstream {

// True for a globally routable unicast address: not loopback, unspecified,
// private (RFC 1918, fc00::/7), carrier-grade NAT, link-local, multicast,
// documentation or benchmarking ranges, reserved, or an IPv6 form that
// embeds IPv4 (mapped, compatible, 6to4, Teredo) of any address. A NAT64
// address (64:ff9b::/96) is judged by the IPv4 address it embeds.
bool is_public_address(const boost::asio::ip::address& a);

}  // namespace profiledesk::upstream
