#include "auth/csrf.hpp"

#include <catch2/catch.hpp>

#include <cctype>

#include <string>

using profiledesk::auth::check_state_changing_request;
using profiledesk::auth::csrf_failure;
using profiledesk::auth::csrf_failure_message;
using profiledesk::auth::to_string;
namespace bh = profiledesk::http::beast_http;

namespace {

const std::string origin = "https://desk.example.com";
const std::string token = "q3Zb9x0W1c8vKp2Lr5tYh7mN4sJ6dF0gA1eU3iO9kR8";

// What the app's fetch() PATCH sends from our own page.
profiledesk::http::request good_request() {
    profiledesk::http::request req{bh::verb::patch, "/api/profile", 11};
    req.set(bh::field::content_type, "application/json");
    req.set("X-CSRF-Token", token);
    req.set(bh::field::origin, origin);
    req.set("Sec-Fetch-Site", "same-origin");
    req.body() = R"({"name":"Ada"})";
    return req;
}

csrf_failure check(const profiledesk::http::request& req) { return check_state_changing_request(req, token, origin); }

}  // namespace

TEST_CASE("csrf: our own page's request passes") {
    CHECK(check(good_request()) == csrf_failure::none);
    SECTION("with a charset parameter, any case") {
        auto req = good_request();
        req.set(bh::field::content_type, "Application/JSON; charset=utf-8");
        CHECK(check(req) == csrf_failure::none);
    }
    SECTION("with Origin alone (browsers without Fetch Metadata)") {
        auto req = good_request();
        req.erase("Sec-Fetch-Site");
        CHECK(check(req) == csrf_failure::none);
    }
    SECTION("with Sec-Fetch-Site: same-origin alone (no Origin)") {
        auto req = good_request();
        req.erase(bh::field::origin);
        CHECK(check(req) == csrf_failure::none);
    }
}

TEST_CASE("csrf: content types a cross-site form can send are refused (415)") {
    auto req = good_request();
    for (const char* type :
         {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
          "application/json-patch+json", "text/json", "", "application/ json"}) {
        INFO("Content-Type: " << type);
        req.set(bh::field::content_type, type);
        CHECK(check(req) == csrf_failure::bad_content_type);
    }
    SECTION("no Content-Type at all") {
        req.erase(bh::field::content_type);
        CHECK(check(req) == csrf_failure::bad_content_type);
    }
    SECTION("two Content-Type headers") {
        req.set(bh::field::content_type, "application/json");
        req.insert(bh::field::content_type, "text/plain");
        CHECK(check(req) == csrf_failure::bad_content_type);
    }
}

TEST_CASE("csrf: a missing token is refused") {
    auto req = good_request();
    SECTION("no header") {
        req.erase("X-CSRF-Token");
        CHECK(check(req) == csrf_failure::missing_token);
    }
    SECTION("an empty header") {
        req.set("X-CSRF-Token", "");
        CHECK(check(req) == csrf_failure::missing_token);
    }
}

TEST_CASE("csrf: a token other than the session's is refused") {
    auto req = good_request();
    SECTION("another session's token") {
        req.set("X-CSRF-Token", "AAAAb9x0W1c8vKp2Lr5tYh7mN4sJ6dF0gA1eU3iO9kR8");
        CHECK(check(req) == csrf_failure::bad_token);
    }
    SECTION("a prefix, an extension, another case") {
        req.set("X-CSRF-Token", token.substr(0, token.size() - 1));
        CHECK(check(req) == csrf_failure::bad_token);
        req.set("X-CSRF-Token", token + "x");
        CHECK(check(req) == csrf_failure::bad_token);
        std::string upper = token;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        req.set("X-CSRF-Token", upper);
        CHECK(check(req) == csrf_failure::bad_token);
    }
    SECTION("the right token next to a wrong one: never pick one") {
        req.insert("X-CSRF-Token", "wrong");
        CHECK(check(req) == csrf_failure::bad_token);
    }
    SECTION("a session without a token matches nothing, not even an empty header") {
        CHECK(check_state_changing_request(good_request(), "", origin) == csrf_failure::bad_token);
    }
}

TEST_CASE("csrf: requests from another origin are refused") {
    auto req = good_request();
    SECTION("another site's Origin") {
        req.set(bh::field::origin, "https://evil.example");
        CHECK(check(req) == csrf_failure::cross_origin);
    }
    SECTION("a sibling subdomain, another scheme, another port") {
        for (const char* o :
             {"https://evil.desk.example.com", "http://desk.example.com", "https://desk.example.com:8443",
              "https://desk.example.com.evil.example", "https://desk.example.com/"}) {
            INFO("Origin: " << o);
            req.set(bh::field::origin, o);
            CHECK(check(req) == csrf_failure::cross_origin);
        }
    }
    SECTION("Origin: null (sandboxed frames, some redirects)") {
        req.set(bh::field::origin, "null");
        CHECK(check(req) == csrf_failure::cross_origin);
    }
    SECTION("Sec-Fetch-Site other than same-origin, even with our Origin") {
        for (const char* site : {"cross-site", "same-site", "none"}) {
            INFO("Sec-Fetch-Site: " << site);
            req.set("Sec-Fetch-Site", site);
            CHECK(check(req) == csrf_failure::cross_origin);
        }
    }
    SECTION("Sec-Fetch-Site same-origin does not excuse a foreign Origin") {
        req.set(bh::field::origin, "https://evil.example");
        CHECK(check(req) == csrf_failure::cross_origin);
    }
    SECTION("neither Origin nor Sec-Fetch-Site: no evidence, refused") {
        req.erase(bh::field::origin);
        req.erase("Sec-Fetch-Site");
        CHECK(check(req) == csrf_failure::cross_origin);
    }
    SECTION("two Origin headers") {
        req.insert(bh::field::origin, "https://evil.example");
        CHECK(check(req) == csrf_failure::cross_origin);
    }
    SECTION("an empty configured origin matches nothing") {
        CHECK(check_state_changing_request(good_request(), token, "") == csrf_failure::cross_origin);
    }
}

TEST_CASE("csrf: the content type is checked first (the route answers 415)") {
    auto req = good_request();
    req.set(bh::field::content_type, "text/plain");
    req.set(bh::field::origin, "https://evil.example");
    req.erase("X-CSRF-Token");
    CHECK(check(req) == csrf_failure::bad_content_type);
}

TEST_CASE("csrf failures have stable codes and messages without secrets") {
    CHECK(std::string(to_string(csrf_failure::none)) == "none");
    CHECK(std::string(to_string(csrf_failure::bad_content_type)) == "bad_content_type");
    CHECK(std::string(to_string(csrf_failure::missing_token)) == "missing_token");
    CHECK(std::string(to_string(csrf_failure::bad_token)) == "bad_token");
    CHECK(std::string(to_string(csrf_failure::cross_origin)) == "cross_origin");
    for (const auto f : {csrf_failure::none, csrf_failure::bad_content_type, csrf_failure::missing_token,
                         csrf_failure::bad_token, csrf_failure::cross_origin}) {
        const std::string message = csrf_failure_message(f);
        CHECK_FALSE(message.empty());
        CHECK(message.find(token) == std::string::npos);
    }
}
