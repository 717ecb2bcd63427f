// The key under which a client's request budgets (per_client_budget) and
// connection caps (connection_caps) are kept.
#pragma once

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>

namespace profiledesk::http {

// An IPv4 address as it is. An IPv6 address by its /64, e.g.
// "2001:db8:1:2::/64": a site gets at least a /64 (RFC 6177), so one client
// can pick any of 2^64 addresses in it, and a key per /128 would give each a
// fresh budget. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a
// dual-stack listener sees of an IPv4 peer) as its IPv4 address. Text that is
// no address (a name in a test) is kept as it is.
std::string client_key(const boost::asio::ip::address& address);
std::string client_key(std::string_view address);

}  // namespace profiledesk::http
