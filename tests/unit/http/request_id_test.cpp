#include "http/request_id.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace profiledesk::http;

namespace {

request with_id(std::string_view id) {
    request req{beast_http::verb::get, "/", 11};
    req.set("X-Request-Id", boost::beast::string_view(id.data(), id.size()));
    return req;
}

}  // namespace

TEST_CASE("request ids: new ones are 128 random bits in hex") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = new_request_id();
        REQUIRE(id.view().size() == 32);
        CHECK(id.view().find_first_not_of("0123456789abcdef") == std::string_view::npos);
        seen.emplace(id.view());
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("request ids: what a proxy may send") {
    CHECK(is_sane_request_id("5f0c1d2e-aaaa-bbbb-cccc-0123456789ab"));
    CHECK(is_sane_request_id("a"));
    CHECK(is_sane_request_id("nginx.req:1_2-3"));
    CHECK(is_sane_request_id(std::string(64, 'a')));
    CHECK_FALSE(is_sane_request_id(""));
    CHECK_FALSE(is_sane_request_id(std::string(65, 'a')));
    CHECK_FALSE(is_sane_request_id("a b"));
    CHECK_FALSE(is_sane_request_id("a\"b"));
    CHECK_FALSE(is_sane_request_id("a\\nb"));
    CHECK_FALSE(is_sane_request_id("caf\xC3\xA9"));
    CHECK_FALSE(is_sane_request_id("a=b"));
}

TEST_CASE("request ids: a client's X-Request-Id is taken only when trusted and sane") {
    CHECK(request_id_for(with_id("from-the-proxy"), true).view() == "from-the-proxy");
    const auto replaced = request_id_for(with_id("from-the-proxy"), false);
    CHECK(replaced.view() != "from-the-proxy");
    CHECK(replaced.view().size() == 32);
    CHECK(request_id_for(with_id("bad id"), true).view().size() == 32);
    CHECK(request_id_for(request{beast_http::verb::get, "/", 11}, true).view().size() == 32);
}

TEST_CASE("request ids: handlers read the connection's from the request") {
    request req{beast_http::verb::get, "/", 11};
    CHECK(request_id_of(req).empty());
    req.set(request_id_field, "abc123");
    CHECK(request_id_of(req).view() == "abc123");
}
