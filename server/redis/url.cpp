#include "redis/url.hpp"

#include "http/url.hpp"

#include <charconv>

namespace profiledesk::redis {

namespace {

// Redis' default configuration has databases 0-15 (`databases 16`).
constexpr int max_db = 15;

bool parse_number(std::string_view text, unsigned long max, unsigned long& out) {
    if (text.empty() || text.size() > 5) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out <= max;
}

bool host_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
}

}  // namespace

std::optional<redis_url> parse_redis_url(std::string_view text, std::string& error) {
    redis_url url;
    if (text.rfind("redis://", 0) == 0) {
        text.remove_prefix(8);
    } else if (text.rfind("rediss://", 0) == 0) {
        url.tls = true;
        text.remove_prefix(9);
    } else {
        error = "must start with redis:// or rediss://";
        return std::nullopt;
    }
    if (text.find_first_of("?#") != std::string_view::npos) {
        error = "has a query or fragment, which Profile Desk does not read";
        return std::nullopt;
    }
    // userinfo: the last '@' before the path ends it (a password may hold '@' only percent-encoded).
    const auto slash = text.find('/');
    auto authority = text.substr(0, slash);
    const auto path = slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const auto userinfo = authority.substr(0, at);
        authority.remove_prefix(at + 1);
        const auto colon = userinfo.find(':');
        if (colon == std::string_view::npos) {
            // redis://secret@host is read by most clients as a password alone;
            // say so rather than guess which was meant.
            error = "user information needs the form user:password or :password";
            return std::nullopt;
        }
        auto user = http::percent_decode(userinfo.substr(0, colon));
        auto password = http::percent_decode(userinfo.substr(colon + 1));
        if (!user || !password) {
            error = "has a malformed %-escape in its user or password";
            return std::nullopt;
        }
        if (password->empty()) {
            error = "has a user but an empty password";
            return std::nullopt;
        }
        url.user = std::move(*user);
        url.password = std::move(*password);
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            error = "has an IPv6 address without its closing ']'";
            return std::nullopt;
        }
        url.host = std::string(authority.substr(1, close - 1));
        const auto rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                error = "has characters after its IPv6 address";
                return std::nullopt;
            }
            port = rest.substr(1);
            if (port.empty()) {
                error = "has an empty port";
                return std::nullopt;
            }
        }
        if (url.host.empty() || url.host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
            error = "has a malformed IPv6 address";
            return std::nullopt;
        }
    } else {
        const auto colon = authority.find(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) {
                error = "has an empty port";
                return std::nullopt;
            }
        }
        if (url.host.empty()) {
            error = "has no host";
            return std::nullopt;
        }
        for (const char c : url.host) {
            if (!host_character(c)) {
                error = "has a character a host name cannot hold";
                return std::nullopt;
            }
        }
    }
    if (!port.empty()) {
        unsigned long n = 0;
        if (!parse_number(port, 65535, n) || n == 0) {
            error = "has a port that is not 1-65535";
            return std::nullopt;
        }
        url.port = static_cast<unsigned short>(n);
    }
    if (!path.empty()) {
        unsigned long n = 0;
        if (!parse_number(path, max_db, n)) {
            error = "has a database number that is not 0-15";
            return std::nullopt;
        }
        url.db = static_cast<int>(n);
    }
    return url;
}

std::string redacted(const redis_url& url) {
    std::string out = url.tls ? "rediss://" : "redis://";
    if (!url.password.empty()) out += http::percent_encode(url.user) + ":***@";
    out += url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    out += ":" + std::to_string(url.port) + "/" + std::to_string(url.db);
    return out;
}

}  // namespace profiledesk::redis
