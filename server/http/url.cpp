#include "url.hpp"

#include <algorithm>
#include <cctype>

namespace profiledesk::http {
namespace {

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3986 3.2.2, narrowed to what a host we connect to or compare can be:
// a DNS name or IPv4 address (letters, digits, '-', '.', '_', '~'; non-ASCII
// bytes as an IDN is typed; '*' for the wildcard label of Auth0's allowed
// URLs), or the inside of [brackets]: an IPv6 address, no zone id, no IPvFuture.
// Anything else ('%', ':', '[', ';', '\\', ...) would make origin() ambiguous.
bool is_host(std::string_view host, bool bracketed) {
    if (host.empty()) return false;
    if (bracketed) {
        return host.find(':') != std::string_view::npos && std::all_of(host.begin(), host.end(), [](unsigned char c) {
                   return std::isxdigit(c) || c == ':' || c == '.';
               });
    }
    return std::all_of(host.begin(), host.end(),
                       [](unsigned char c) { return unreserved(c) || c == '*' || c >= 0x80; });
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const unsigned char c : text) {
        if (unreserved(c)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<query_params> parse_query(std::string_view query) {
    query_params params;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!name || !value) return std::nullopt;
        params.emplace_back(std::move(*name), std::move(*value));
    }
    return params;
}

std::optional<std::string> single_param(const query_params& params, std::string_view name) {
    std::optional<std::string> found;
    for (const auto& [k, v] : params) {
        if (k != name) continue;
        if (found) return std::nullopt;
        found = v;
    }
    return found;
}

std::string encode_query(const query_params& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        out += percent_encode(k);
        out += '=';
        out += percent_encode(v);
    }
    return out;
}

std::string_view target_query(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return {};
    auto query = target.substr(q + 1);
    return query.substr(0, query.find('#'));
}

std::string absolute_url::origin() const {
    const bool v6 = host.find(':') != std::string::npos;
    std::string out = scheme + "://" + (v6 ? "[" + host + "]" : host);
    if (!default_port) out += ":" + port;
    return out;
}

std::optional<absolute_url> parse_absolute_url(std::string_view url) {
    // A space, CR or LF would end up in a request line or Host header we send.
    if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; })) {
        return std::nullopt;
    }
    absolute_url u;
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    u.scheme = lower(url.substr(0, sep));
    if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
    auto rest = url.substr(sep + 3);
    const auto path_start = rest.find_first_of("/?#");
    auto authority = rest.substr(0, path_start);
    auto target = path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
    target = target.substr(0, target.find('#'));
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
    std::string_view port;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        u.host = std::string(authority.substr(1, close - 1));
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port = after.substr(1);
        }
    } else {
        const auto colon = authority.rfind(':');
        u.host = lower(authority.substr(0, colon));
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    }
    if (!is_host(u.host, authority.front() == '[')) return std::nullopt;
    if (!port.empty()) {
        if (port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
            std::stoul(std::string(port)) > 65535) {
            return std::nullopt;
        }
        u.port = std::string(port);
        u.default_port = (u.scheme == "https" && u.port == "443") || (u.scheme == "http" && u.port == "80");
    } else {
        u.port = u.scheme == "https" ? "443" : "80";
    }
    u.target = target.empty() ? "/" : std::string(target);
    if (u.target.front() == '?') u.target = "/" + u.target;
    return u;
}

}  // namespace profiledesk::http
