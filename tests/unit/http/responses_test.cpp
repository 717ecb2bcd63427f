#include "http/responses.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;
using status = beast_http::status;

TEST_CASE("error_response has the stable error shape") {
    const auto res = error_response(status::bad_request, "validation_failed", "Check the fields.", 11,
                                    {{"fields", {{"name", "Too long."}}}});
    CHECK(res.result() == status::bad_request);
    CHECK(std::string(res[beast_http::field::content_type]) == "application/json");
    const auto body = nlohmann::json::parse(res.body());
    CHECK(body["error"] == "validation_failed");
    CHECK(body["message"] == "Check the fields.");
    CHECK(body["fields"]["name"] == "Too long.");
}

TEST_CASE("json_response survives invalid UTF-8 instead of throwing") {
    const auto res = json_response(status::ok, {{"name", std::string("\xff\xfe")}});
    CHECK(nlohmann::json::parse(res.body())["name"].is_string());
}

TEST_CASE("apply_security_headers") {
    SECTION("HTML gets the CSP that lets the Wasm app run and nothing else") {
        response res{status::ok, 11};
        res.set(beast_http::field::content_type, "text/html; charset=utf-8");
        apply_security_headers(res, false);
        const std::string csp(res["Content-Security-Policy"]);
        CHECK(csp.find("default-src 'self'") != std::string::npos);
        CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("object-src 'none'") != std::string::npos);
        CHECK(csp.find("base-uri 'none'") != std::string::npos);
        CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
        CHECK(std::string(res["X-Content-Type-Options"]) == "nosniff");
        CHECK(std::string(res["Referrer-Policy"]) == "no-referrer");
        CHECK(res.count(beast_http::field::strict_transport_security) == 0);
    }
    SECTION("JSON is never cached") {
        auto res = json_response(status::ok, {{"a", 1}});
        apply_security_headers(res, false);
        CHECK(std::string(res[beast_http::field::cache_control]) == "no-store");
        CHECK(res.count("Content-Security-Policy") == 0);
    }
    SECTION("a public JSON answer keeps the caching its handler chose") {
        auto res = json_response(status::ok, {{"a", 1}});
        res.set(beast_http::field::cache_control, "public, max-age=86400");
        apply_security_headers(res, false);
        CHECK(std::string(res[beast_http::field::cache_control]) == "public, max-age=86400");
    }
    SECTION("HSTS only over https") {
        auto res = json_response(status::ok, {{"a", 1}});
        apply_security_headers(res, true);
        CHECK(std::string(res[beast_http::field::strict_transport_security]).find("max-age=") == 0);
    }
}
