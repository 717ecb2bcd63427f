#include "localtenant/host_allowlist.hpp"

#include "http/url.hpp"
#include "localtenant/options.hpp"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace profiledesk::localtenant {

namespace {

// 0.0.0.0 or ::, every address of the machine (loopback among them).
bool is_wildcard(const std::string& host) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(host, ec);
    return !ec && a.is_unspecified();
}

}  // namespace

host_allowlist::host_allowlist(const std::string& listen_host, unsigned short port, bool tls,
                               const std::string& issuer) {
    const std::string scheme = tls ? "https" : "http";
    const auto p = std::to_string(port);
    add(scheme, listen_host, p);
    if (is_loopback_host(listen_host) || is_wildcard(listen_host)) {
        for (const char* h : {"127.0.0.1", "localhost", "::1"}) add(scheme, h, p);
    }
    if (const auto u = http::parse_absolute_url(issuer)) add(u->scheme, u->host, u->port);
}

void host_allowlist::add(const std::string& scheme, const std::string& host, const std::string& port) {
    name n{scheme, boost::algorithm::to_lower_copy(host), port};
    const auto same = [&](const name& m) { return m.scheme == n.scheme && m.host == n.host && m.port == n.port; };
    if (std::none_of(names_.begin(), names_.end(), same)) names_.push_back(std::move(n));
}

bool host_allowlist::allows(std::string_view host_header) const {
    // Only an authority: a path, query, fragment or userinfo would otherwise
    // be cut off by the URL parser and the rest taken for a name of ours.
    if (host_header.empty() || host_header.find_first_of("/?#@\\") != std::string_view::npos) return false;
    // An IPv6 address goes in brackets ("::1:8081" is no name of ours).
    if (host_header.front() != '[' && std::count(host_header.begin(), host_header.end(), ':') > 1) return false;
    for (const auto& n : names_) {
        const auto u = http::parse_absolute_url(n.scheme + "://" + std::string(host_header) + "/");
        if (u && boost::algorithm::to_lower_copy(u->host) == n.host && u->port == n.port) return true;
    }
    return false;
}

std::string host_allowlist::describe() const {
    std::string out;
    for (const auto& n : names_) {
        if (!out.empty()) out += ", ";
        out += (n.host.find(':') != std::string::npos ? "[" + n.host + "]" : n.host) + ":" + n.port;
    }
    return out;
}

}  // namespace profiledesk::localtenant
