#include "state/app_state.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;

TEST_CASE("app state: the health check starts pending") {
    const app_state s;
    CHECK(s.health.state == health_check::phase::pending);
    CHECK(state_to_json(s)["health"]["state"] == "pending");
    CHECK(state_to_json(s)["ready"] == false);
}

TEST_CASE("app state: a healthy answer") {
    app_state s;
    on_health_response(s, 200, R"({"status":"ok","service":"profiledesk"})");
    CHECK(s.health.state == health_check::phase::ok);
    const auto j = state_to_json(s);
    CHECK(j["health"]["status"] == 200);
    CHECK(j["health"]["body"]["service"] == "profiledesk");
    CHECK(j["health"]["error"] == "");
}

TEST_CASE("app state: an HTTP error is a failure that names the status") {
    app_state s;
    on_health_response(s, 503, R"({"error":"unavailable"})");
    CHECK(s.health.state == health_check::phase::failed);
    CHECK(s.health.error.find("503") != std::string::npos);
}

TEST_CASE("app state: a 200 that is not a health report is a failure") {
    app_state s;
    SECTION("not JSON") {
        on_health_response(s, 200, "<html>proxy error</html>");
        CHECK(s.health.state == health_check::phase::failed);
        CHECK(state_to_json(s)["health"]["body"].is_null());
    }
    SECTION("JSON without status ok") {
        on_health_response(s, 200, R"({"status":"degraded"})");
        CHECK(s.health.state == health_check::phase::failed);
    }
}

TEST_CASE("app state: a network error replaces an earlier answer") {
    app_state s;
    on_health_response(s, 200, R"({"status":"ok"})");
    on_health_network_error(s, "connection refused");
    CHECK(s.health.state == health_check::phase::failed);
    CHECK(s.health.http_status == 0);
    CHECK(s.health.error == "Cannot reach the server: connection refused");
}
