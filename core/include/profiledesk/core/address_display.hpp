// The sign-in address as "Where you're signed in" shows it (and as the
// session store keeps it: nothing more precise is ever needed): enough to
// tell "home" from "elsewhere", not a full address on a screen or in a data
// export (core/sessions_view.hpp).
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::core {

// "203.0.113.x" for 203.0.113.7 (the last part hidden). For IPv6 the first 48
// bits, a site's routing prefix (RFC 6177), as a prefix:
// "2001:db8:85a3::/48" for 2001:db8:85a3:8d3:1319:8a2e:370:7348 (the last 80
// bits hidden). An IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack
// listener's view of an IPv4 peer) as its IPv4 address. "" for anything that
// is not an IP address.
std::string shortened_address(std::string_view address);

}  // namespace profiledesk::core
