#include "auth/cookies.hpp"

#include <cctype>
#include <stdexcept>

namespace profiledesk::auth {
namespace {

// Browsers drop a cookie whose name and value together exceed this (RFC 6265
// section 6.1 minimum, and what Chrome and Firefox enforce).
constexpr std::size_t max_cookie_size = 4096;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// RFC 9110 tchar.
bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (const unsigned char c : s) {
        if (std::isalnum(c)) continue;
        if (std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos) return false;
    }
    return true;
}

// RFC 6265 cookie-octet: visible ASCII but DQUOTE, comma, semicolon, backslash.
bool is_cookie_octets(std::string_view s) {
    for (const unsigned char c : s) {
        if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') return false;
    }
    return true;
}

// A Path attribute value: starts with '/', visible ASCII without ';'.
bool is_cookie_path(std::string_view s) {
    if (s.empty() || s.front() != '/') return false;
    for (const unsigned char c : s) {
        if (c < 0x20 || c > 0x7e || c == ';') return false;
    }
    return true;
}

[[noreturn]] void refuse(std::string_view name, const char* why) {
    // The value is never part of the message: it may be a session id.
    throw std::invalid_argument("cookie '" + std::string(is_token(name) ? name : "<invalid name>") + "': " + why);
}

std::string attributes_text(std::string_view name, const cookie_attributes& a) {
    if (!is_cookie_path(a.path)) refuse(name, "Path must be an absolute path without ';' or control characters");
    if (a.same_site != "Strict" && a.same_site != "Lax" && a.same_site != "None") {
        refuse(name, "SameSite must be Strict, Lax or None");
    }
    if (a.same_site == "None" && !a.secure) {
        refuse(name, "SameSite=None requires Secure (browsers reject it otherwise)");
    }
    if (starts_with(name, "__Host-") && (!a.secure || a.path != "/")) {
        refuse(name, "a __Host- cookie requires Secure and Path=/ (browsers reject it otherwise)");
    }
    if (starts_with(name, "__Secure-") && !a.secure) refuse(name, "a __Secure- cookie requires Secure");
    if (a.max_age && a.max_age->count() < 0) refuse(name, "Max-Age must not be negative");

    std::string out = "; Path=" + a.path;
    if (a.max_age) out += "; Max-Age=" + std::to_string(a.max_age->count());
    if (a.secure) out += "; Secure";
    if (a.http_only) out += "; HttpOnly";
    out += "; SameSite=" + a.same_site;
    return out;
}

}  // namespace

std::optional<std::string> cookie_value(const http::request& req, std::string_view name) {
    if (name.empty()) return std::nullopt;
    std::optional<std::string> found;
    const auto range = req.equal_range(http::beast_http::field::cookie);
    for (auto field = range.first; field != range.second; ++field) {
        std::string_view rest(field->value().data(), field->value().size());
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            const auto pair = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos) continue;  // not a name=value pair
            if (trim(pair.substr(0, eq)) != name) continue;
            if (found) return std::nullopt;  // tossed: two cookies with our name
            auto value = trim(pair.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            found = std::string(value);
        }
    }
    return found;
}

std::string set_cookie_header(std::string_view name, std::string_view value, const cookie_attributes& attributes) {
    if (!is_token(name)) refuse(name, "name is not an RFC 6265 token");
    if (!is_cookie_octets(value)) refuse(name, "value holds a character cookies cannot carry");
    if (name.size() + value.size() > max_cookie_size) refuse(name, "name and value exceed 4096 bytes");
    return std::string(name) + "=" + std::string(value) + attributes_text(name, attributes);
}

std::string clear_cookie_header(std::string_view name, const cookie_attributes& attributes) {
    if (!is_token(name)) refuse(name, "name is not an RFC 6265 token");
    cookie_attributes expired = attributes;
    expired.max_age = std::chrono::seconds{0};
    // Max-Age wins over Expires where both are understood (RFC 6265 5.3);
    // Expires is for clients that predate Max-Age.
    return std::string(name) + "=" + attributes_text(name, expired) + "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
}

std::string session_cookie_name(bool https) { return https ? "__Host-pd_session" : "pd_session"; }

std::string transaction_cookie_name(bool https) { return https ? "__Host-pd_login" : "pd_login"; }

}  // namespace profiledesk::auth
