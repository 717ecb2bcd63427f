#include "http/url.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;

TEST_CASE("percent_encode keeps only unreserved characters") {
    CHECK(percent_encode("auth0|abc") == "auth0%7Cabc");
    CHECK(percent_encode("a b/c?d=e&f") == "a%20b%2Fc%3Fd%3De%26f");
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("é") == "%C3%A9");
}

TEST_CASE("percent_decode") {
    CHECK(percent_decode("auth0%7cabc") == "auth0|abc");
    CHECK(percent_decode("a+b") == "a+b");
    CHECK(percent_decode("a+b", true) == "a b");
    SECTION("malformed escapes are refused, not guessed") {
        CHECK_FALSE(percent_decode("%"));
        CHECK_FALSE(percent_decode("%4"));
        CHECK_FALSE(percent_decode("%zz"));
        CHECK_FALSE(percent_decode("abc%"));
    }
}

TEST_CASE("parse_query") {
    const auto q = parse_query("code=abc&state=x%20y&empty=&flag");
    REQUIRE(q);
    REQUIRE(q->size() == 4);
    CHECK((*q)[0] == std::pair<std::string, std::string>{"code", "abc"});
    CHECK((*q)[1].second == "x y");
    CHECK((*q)[2].second.empty());
    CHECK((*q)[3].first == "flag");
    CHECK_FALSE(parse_query("a=%zz"));
    CHECK(parse_query("")->empty());
}

TEST_CASE("single_param refuses repeated parameters") {
    const auto q = *parse_query("state=a&state=b&code=c");
    CHECK_FALSE(single_param(q, "state"));
    CHECK(single_param(q, "code") == "c");
    CHECK_FALSE(single_param(q, "missing"));
}

TEST_CASE("encode_query round-trips through parse_query") {
    const query_params params{{"redirect_uri", "http://localhost:8080/callback"}, {"scope", "openid profile"}};
    const auto text = encode_query(params);
    CHECK(text == "redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcallback&scope=openid%20profile");
    CHECK(*parse_query(text) == params);
}

TEST_CASE("target_query") {
    CHECK(target_query("/callback?code=1&state=2") == "code=1&state=2");
    CHECK(target_query("/callback") == "");
    CHECK(target_query("/a?b#c") == "b");
}

TEST_CASE("parse_absolute_url") {
    SECTION("https with the default port") {
        const auto u = parse_absolute_url("https://Example.EU.auth0.com/");
        REQUIRE(u);
        CHECK(u->scheme == "https");
        CHECK(u->host == "example.eu.auth0.com");
        CHECK(u->port == "443");
        CHECK(u->target == "/");
        CHECK(u->origin() == "https://example.eu.auth0.com");
    }
    SECTION("http with a port, a path and a query") {
        const auto u = parse_absolute_url("http://127.0.0.1:8081/oauth/token?x=1#frag");
        REQUIRE(u);
        CHECK(u->port == "8081");
        CHECK(u->target == "/oauth/token?x=1");
        CHECK(u->origin() == "http://127.0.0.1:8081");
    }
    SECTION("no path is /") { CHECK(parse_absolute_url("http://localhost:8080")->target == "/"); }
    SECTION("IPv6") {
        const auto u = parse_absolute_url("http://[::1]:9000/x");
        REQUIRE(u);
        CHECK(u->host == "::1");
        CHECK(u->origin() == "http://[::1]:9000");
    }
    SECTION("refused") {
        CHECK_FALSE(parse_absolute_url("ftp://example.com/"));
        CHECK_FALSE(parse_absolute_url("//example.com/"));
        CHECK_FALSE(parse_absolute_url("/path"));
        CHECK_FALSE(parse_absolute_url("https://user:pw@example.com/"));
        CHECK_FALSE(parse_absolute_url("https://example.com:99999/"));
        CHECK_FALSE(parse_absolute_url("https://example.com:8a/"));
        CHECK_FALSE(parse_absolute_url("https:///path"));
    }
    SECTION("a host is a name, an IPv4 address or a bracketed IPv6 address, so origin() parses back") {
        // Found by tests/fuzz/url: "http://%[2001::1]:8080:/" was accepted with
        // the host "%[2001::1]:8080", whose origin() was not a URL at all.
        CHECK_FALSE(parse_absolute_url("http://%[2001::1]:8080:/"));
        CHECK_FALSE(parse_absolute_url("http://a:b:80/"));
        CHECK_FALSE(parse_absolute_url("https://exa%6Dple.com/"));
        CHECK_FALSE(parse_absolute_url("https://a;script-src/"));
        CHECK_FALSE(parse_absolute_url("https://good.example\\.evil.example/"));
        CHECK_FALSE(parse_absolute_url("http://[::1%25eth0]/"));
        CHECK_FALSE(parse_absolute_url("http://[v1.fe80::a]/"));
        CHECK_FALSE(parse_absolute_url("http://[]/"));
        CHECK(parse_absolute_url("http://[::ffff:192.0.2.1]/")->origin() == "http://[::ffff:192.0.2.1]");
        CHECK(parse_absolute_url("https://my_host-1.example~/")->host == "my_host-1.example~");
        CHECK(parse_absolute_url("https://münchen.example/")->host == "münchen.example");
        // Allowed Logout URLs may hold a wildcard label (localtenant, docs/auth0.md#logout).
        CHECK(parse_absolute_url("https://*.example.com/bye")->host == "*.example.com");
    }
    SECTION("spaces and control characters, which would reach a request line or header, are refused") {
        CHECK_FALSE(parse_absolute_url("https://example.com/a.png HTTP/1.1\r\nX-Injected: 1"));
        CHECK_FALSE(parse_absolute_url("https://example.com/a\nb"));
        CHECK_FALSE(parse_absolute_url("https://exa mple.com/"));
        CHECK_FALSE(parse_absolute_url("https://example.com/\x7f"));
        CHECK(parse_absolute_url("https://example.com/%20%0D%0A"));  // escaped, they are just bytes of the path
    }
}
