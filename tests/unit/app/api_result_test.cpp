#include "net/api_result.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app::net;

TEST_CASE("api result: statuses become typed outcomes") {
    CHECK(classify(200, "{}").kind == outcome::ok);
    CHECK(classify(401, R"({"error":"unauthenticated","message":"Please sign in."})").kind == outcome::unauthenticated);
    CHECK(classify(401, "").kind == outcome::unauthenticated);
    CHECK(classify(401, R"({"error":"account_blocked"})").kind == outcome::account_blocked);
    CHECK(classify(401, R"({"error":"account_deleted"})").kind == outcome::account_deleted);
    CHECK(classify(409, R"({"error":"conflict"})").kind == outcome::conflict);
    CHECK(classify(400, R"({"error":"validation_failed","fields":{}})").kind == outcome::validation);
    CHECK(classify(400, R"({"error":"field_not_allowed","fields":[]})").kind == outcome::validation);
    CHECK(classify(400, R"({"error":"bad_request"})").kind == outcome::refused);
    CHECK(classify(403, R"({"error":"csrf_failed"})").kind == outcome::refused);
    CHECK(classify(429, "").kind == outcome::rate_limited);
    CHECK(classify(503, R"({"error":"upstream_rate_limited"})").kind == outcome::rate_limited);
    CHECK(classify(503, R"({"error":"upstream_unavailable"})").kind == outcome::upstream);
    CHECK(classify(504, "").kind == outcome::upstream);
    CHECK(classify(0, "", "", "timeout").kind == outcome::network);
}

TEST_CASE("api result: the error body's code and message are kept") {
    const auto r = classify(502, R"({"error":"upstream_rejected","message":"Refused."})");
    CHECK(r.error == "upstream_rejected");
    CHECK(r.message == "Refused.");
}

TEST_CASE("api result: a body that is not JSON still gets a message for a person") {
    const auto r = classify(500, "<html>oops</html>");
    CHECK(r.body.is_null());
    CHECK(r.message == "The server failed (500). Please try again.");
}

TEST_CASE("api result: Retry-After in seconds; anything else is ignored") {
    CHECK(classify(503, "{}", "7").retry_after_s == 7);
    CHECK(classify(503, "{}", "Wed, 21 Oct 2015 07:28:00 GMT").retry_after_s == 0);
    CHECK(classify(503, "{}", "-3").retry_after_s == 0);
}

TEST_CASE("api result: a network failure says why") {
    CHECK(classify(0, "", "", "connection refused").message ==
          "Cannot reach the server: connection refused. Check your connection.");
}
