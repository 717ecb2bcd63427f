// "host:port" for a listener: an IP address (IPv6 in brackets, as in URLs:
// "[::1]:9464") and a port from 0 to 65535 (0: any free port). Host names are
// not resolved: a listener binds one address, and a name may have several.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::http {

struct listen_address {
    std::string host;  // without brackets: "127.0.0.1", "::1"
    unsigned short port = 0;
};

std::optional<listen_address> parse_listen_address(std::string_view text);

}  // namespace profiledesk::http
