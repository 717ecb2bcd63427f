// Cookies: reading one from a request without guessing, writing Set-Cookie
// lines with the attributes a session needs (RFC 6265, ASVS V3.3).
#pragma once

#include "http/types.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

// The value of cookie `name` across every Cookie header of the request.
// nullopt when it is absent, and also when the name appears more than once:
// a sibling subdomain or a plain-http page can plant ("toss") a second cookie
// with our name, and the browser sends both in an order we cannot trust, so
// we never guess which one is ours. Names compare exactly (case-sensitive,
// as browsers store them); a value wrapped in DQUOTEs is returned without them.
std::optional<std::string> cookie_value(const http::request& req, std::string_view name);

// Set-Cookie attributes. The defaults suit a session cookie: HttpOnly (no
// script can read it), Path=/, SameSite=Lax (sent on top-level navigations, so
// the OIDC callback works). Secure is off by default only because plain-http
// localhost needs that; set it whenever BASE_URL is https.
struct cookie_attributes {
    std::string path = "/";  // must start with '/'
    bool http_only = true;
    bool secure = false;                          // required for "__Host-"/"__Secure-" names and SameSite=None
    std::string same_site = "Lax";                // "Strict", "Lax" or "None"
    std::optional<std::chrono::seconds> max_age;  // absent = a browser-session cookie
};

// "name=value; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax".
// Throws std::invalid_argument (programmer error, message names the cookie,
// never its value) when the name is not an RFC 6265 token, the value holds a
// byte outside cookie-octet, name and value together exceed 4096 bytes
// (browsers drop such cookies silently, ASVS 3.3.5), a "__Host-" name lacks
// Secure or Path=/, a "__Secure-" name lacks Secure, SameSite=None lacks
// Secure, SameSite is not one of the three values, the path is not a plain
// absolute path, or max_age is negative. No Domain attribute is ever written:
// host-only cookies are not shared with sibling subdomains.
std::string set_cookie_header(std::string_view name, std::string_view value, const cookie_attributes& attributes);

// A Set-Cookie line that deletes the cookie: empty value, Max-Age=0 and an
// Expires in the past (for old clients). Path and Secure must match the ones
// the cookie was set with, or the browser keeps the original.
std::string clear_cookie_header(std::string_view name, const cookie_attributes& attributes);

// "__Host-pd_session" when BASE_URL is https, else "pd_session" (the "__Host-"
// prefix needs Secure, which plain-http localhost cannot have).
std::string session_cookie_name(bool https);

// The short-lived sign-in transaction (state, nonce, PKCE verifier):
// "__Host-pd_login" / "pd_login".
std::string transaction_cookie_name(bool https);

}  // namespace profiledesk::auth
