#include "auth/cookies.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>

using profiledesk::auth::clear_cookie_header;
using profiledesk::auth::cookie_attributes;
using profiledesk::auth::cookie_value;
using profiledesk::auth::session_cookie_name;
using profiledesk::auth::set_cookie_header;
using profiledesk::auth::transaction_cookie_name;
namespace bh = profiledesk::http::beast_http;
using namespace std::chrono_literals;

namespace {

// A request carrying one Cookie header per argument, as browsers (one) or
// HTTP/2-to-1 proxies (several) send them.
profiledesk::http::request with_cookies(std::initializer_list<const char*> headers) {
    profiledesk::http::request req{bh::verb::get, "/api/session", 11};
    for (const char* h : headers) req.insert(bh::field::cookie, h);
    return req;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

cookie_attributes secure_attrs() {
    cookie_attributes a;
    a.secure = true;
    return a;
}

}  // namespace

TEST_CASE("cookie_value finds our cookie among others") {
    SECTION("in a single header, whatever the spacing") {
        const auto req = with_cookies({"theme=dark;pd_session=abc123 ;  lang=en"});
        CHECK(cookie_value(req, "pd_session") == "abc123");
        CHECK(cookie_value(req, "theme") == "dark");
        CHECK(cookie_value(req, "lang") == "en");
    }
    SECTION("across several Cookie headers") {
        const auto req = with_cookies({"theme=dark", "pd_session=abc123"});
        CHECK(cookie_value(req, "pd_session") == "abc123");
    }
    SECTION("a DQUOTE-wrapped value is returned without its quotes (RFC 6265)") {
        CHECK(cookie_value(with_cookies({"pd_session=\"abc\""}), "pd_session") == "abc");
    }
    SECTION("an empty value is present, and empty") {
        CHECK(cookie_value(with_cookies({"pd_session="}), "pd_session") == "");
    }
}

TEST_CASE("cookie_value is nullopt when the cookie is absent") {
    CHECK_FALSE(cookie_value(with_cookies({}), "pd_session"));
    CHECK_FALSE(cookie_value(with_cookies({"theme=dark; lang=en"}), "pd_session"));
    SECTION("names are compared whole, not as prefixes or suffixes") {
        CHECK_FALSE(cookie_value(with_cookies({"pd_session_old=x; xpd_session=y"}), "pd_session"));
    }
    SECTION("names are case-sensitive, as browsers store them") {
        CHECK_FALSE(cookie_value(with_cookies({"PD_SESSION=x"}), "pd_session"));
        CHECK_FALSE(cookie_value(with_cookies({"__HOST-pd_session=x"}), "__Host-pd_session"));
    }
    SECTION("a bare word is not a cookie named after it") {
        CHECK_FALSE(cookie_value(with_cookies({"pd_session; other=1"}), "pd_session"));
    }
    SECTION("the empty name never matches") { CHECK_FALSE(cookie_value(with_cookies({"=abc"}), "")); }
}

TEST_CASE("cookie_value refuses to guess between two cookies with our name (cookie tossing)") {
    SECTION("twice in one header: an attacker's subdomain planted one of them") {
        CHECK_FALSE(cookie_value(with_cookies({"pd_session=attacker; pd_session=victim"}), "pd_session"));
    }
    SECTION("once in each of two headers") {
        CHECK_FALSE(cookie_value(with_cookies({"pd_session=attacker", "pd_session=victim"}), "pd_session"));
    }
    SECTION("even when both values are equal") {
        CHECK_FALSE(cookie_value(with_cookies({"pd_session=same; pd_session=same"}), "pd_session"));
    }
    SECTION("other duplicated cookies do not affect ours") {
        CHECK(cookie_value(with_cookies({"theme=a; theme=b; pd_session=ok"}), "pd_session") == "ok");
    }
}

TEST_CASE("set_cookie_header writes a session cookie with safe attributes") {
    SECTION("defaults: Path=/, HttpOnly, SameSite=Lax, no Secure, no Max-Age") {
        CHECK(set_cookie_header("pd_session", "abc", {}) == "pd_session=abc; Path=/; HttpOnly; SameSite=Lax");
    }
    SECTION("https: __Host- cookie with Secure and Max-Age") {
        auto a = secure_attrs();
        a.max_age = 600s;
        CHECK(set_cookie_header("__Host-pd_login", "v", a) ==
              "__Host-pd_login=v; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax");
    }
    SECTION("never a Domain attribute: the cookie stays host-only") {
        CHECK_FALSE(has(set_cookie_header("pd_session", "abc", secure_attrs()), "Domain"));
    }
    SECTION("SameSite=Strict and None are written as given") {
        auto a = secure_attrs();
        a.same_site = "Strict";
        CHECK(has(set_cookie_header("x", "1", a), "; SameSite=Strict"));
        a.same_site = "None";
        CHECK(has(set_cookie_header("x", "1", a), "; SameSite=None"));
    }
    SECTION("HttpOnly can be turned off for a cookie script must read") {
        cookie_attributes a;
        a.http_only = false;
        CHECK_FALSE(has(set_cookie_header("x", "1", a), "HttpOnly"));
    }
}

TEST_CASE("set_cookie_header refuses cookies a browser would drop or misread") {
    SECTION("__Host- without Secure") {
        CHECK_THROWS_AS(set_cookie_header("__Host-pd_session", "abc", cookie_attributes{}), std::invalid_argument);
    }
    SECTION("__Host- with a Path other than /") {
        auto a = secure_attrs();
        a.path = "/api";
        CHECK_THROWS_AS(set_cookie_header("__Host-pd_session", "abc", a), std::invalid_argument);
    }
    SECTION("__Secure- without Secure") {
        CHECK_THROWS_AS(set_cookie_header("__Secure-x", "abc", cookie_attributes{}), std::invalid_argument);
    }
    SECTION("SameSite=None without Secure") {
        cookie_attributes a;
        a.same_site = "None";
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
    }
    SECTION("an unknown or empty SameSite") {
        cookie_attributes a;
        a.same_site = "lax; Domain=evil.com";
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
        a.same_site = "";
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
    }
    SECTION("a path that would inject attributes or is relative") {
        cookie_attributes a;
        a.path = "/; Domain=evil.com";
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
        a.path = "api";
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
    }
    SECTION("a negative Max-Age") {
        cookie_attributes a;
        a.max_age = -1s;
        CHECK_THROWS_AS(set_cookie_header("x", "1", a), std::invalid_argument);
    }
    SECTION("a value that would inject attributes or headers") {
        CHECK_THROWS_AS(set_cookie_header("x", "a; Domain=evil.com", {}), std::invalid_argument);
        CHECK_THROWS_AS(set_cookie_header("x", "a\r\nSet-Cookie: y=1", {}), std::invalid_argument);
        CHECK_THROWS_AS(set_cookie_header("x", "a b", {}), std::invalid_argument);
        CHECK_THROWS_AS(set_cookie_header("x", "a,b", {}), std::invalid_argument);
    }
    SECTION("a name that is not a token") {
        CHECK_THROWS_AS(set_cookie_header("", "1", {}), std::invalid_argument);
        CHECK_THROWS_AS(set_cookie_header("a=b", "1", {}), std::invalid_argument);
        CHECK_THROWS_AS(set_cookie_header("a b", "1", {}), std::invalid_argument);
    }
    SECTION("name and value above 4096 bytes (ASVS 3.3.5)") {
        CHECK_NOTHROW(set_cookie_header("pd_login", std::string(4096 - 8, 'a'), {}));
        CHECK_THROWS_AS(set_cookie_header("pd_login", std::string(4096 - 7, 'a'), {}), std::invalid_argument);
    }
}

TEST_CASE("set_cookie_header's errors name the cookie, never its value") {
    const std::string session_id = "s3cr3t-session-id-value";
    try {
        set_cookie_header("__Host-pd_session", session_id, cookie_attributes{});  // no Secure
        FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
        CHECK(has(e.what(), "__Host-pd_session"));
        CHECK_FALSE(has(e.what(), session_id));
    }
}

TEST_CASE("clear_cookie_header deletes the cookie in every browser") {
    const auto line = clear_cookie_header("__Host-pd_session", secure_attrs());
    CHECK(line.rfind("__Host-pd_session=;", 0) == 0);  // empty value
    CHECK(has(line, "; Max-Age=0"));
    CHECK(has(line, "; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
    SECTION("with the Path and Secure of the original, or the browser keeps it") {
        CHECK(has(line, "; Path=/"));
        CHECK(has(line, "; Secure"));
    }
    SECTION("whatever max_age the attributes carried") {
        auto a = secure_attrs();
        a.max_age = 600s;
        const auto l = clear_cookie_header("__Host-pd_login", a);
        CHECK(has(l, "; Max-Age=0"));
        CHECK_FALSE(has(l, "600"));
    }
    SECTION("the same prefix rules apply") {
        CHECK_THROWS_AS(clear_cookie_header("__Host-pd_session", cookie_attributes{}), std::invalid_argument);
    }
}

TEST_CASE("cookie names: __Host- over https, plain on http localhost") {
    CHECK(session_cookie_name(true) == "__Host-pd_session");
    CHECK(session_cookie_name(false) == "pd_session");
    CHECK(transaction_cookie_name(true) == "__Host-pd_login");
    CHECK(transaction_cookie_name(false) == "pd_login");
    SECTION("the session and transaction cookies never share a name") {
        CHECK(session_cookie_name(true) != transaction_cookie_name(true));
        CHECK(session_cookie_name(false) != transaction_cookie_name(false));
    }
}
