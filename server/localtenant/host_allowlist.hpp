// The names the tenant answers to. A web page the developer visits can make
// its own name resolve to 127.0.0.1 (DNS rebinding) and then talk to the
// tenant as a same-origin page; the browser still sends the page's name in
// Host, so a request whose Host is not one of ours is refused (421) before
// any route runs. Ours: the listening address and port; for a loopback or
// wildcard address also 127.0.0.1, localhost and [::1] on that port; and the
// issuer's host and port (a name in --issuer, e.g. behind a proxy).
// Pure: no sockets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::localtenant {

class host_allowlist {
public:
    // `listen_host` as given to --host (an address or "localhost"), the bound
    // port, whether the tenant serves TLS, and the issuer it announces.
    host_allowlist(const std::string& listen_host, unsigned short port, bool tls, const std::string& issuer);

    // Whether a Host header value ("name", "name:port", "[v6]:port") names
    // us. The port may be left out when it is the scheme's default (RFC 9110
    // 7.2). An empty or malformed value is not ours.
    bool allows(std::string_view host_header) const;

    // The accepted names, "host:port" each, for the refusal's message.
    std::string describe() const;

private:
    struct name {
        std::string scheme;  // which default port a Host without one means
        std::string host;    // lowercase, IPv6 without brackets
        std::string port;
    };
    void add(const std::string& scheme, const std::string& host, const std::string& port);

    std::vector<name> names_;
};

}  // namespace profiledesk::localtenant
