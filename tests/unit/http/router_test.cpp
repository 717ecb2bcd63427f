#include "http/router.hpp"
#include "http/responses.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace profiledesk::http;
using verb = beast_http::verb;
using status = beast_http::status;

namespace {

request make_request(verb method, std::string target) {
    request req{method, target, 11};
    return req;
}

// Dispatches and returns the one answer (the router answers synchronously here).
response dispatch(const router& r, verb method, std::string target) {
    std::optional<response> answer;
    int calls = 0;
    r.dispatch(make_request(method, std::move(target)), [&](response res) {
        ++calls;
        answer = std::move(res);
    });
    REQUIRE(calls == 1);
    return *answer;
}

router sample_router() {
    router r;
    r.add(verb::get, "/healthz", [](request&&, responder respond) {
        respond(json_response(status::ok, {{"status", "ok"}}));
    });
    r.add(verb::post, "/logout", [](request&&, responder respond) { respond(redirect_response("/")); });
    r.add(verb::get, "/logout", [](request&&, responder respond) { respond(redirect_response("/")); });
    return r;
}

}  // namespace

TEST_CASE("router: a listed method and path reach their handler") {
    const auto res = dispatch(sample_router(), verb::get, "/healthz");
    CHECK(res.result() == status::ok);
    CHECK(nlohmann::json::parse(res.body())["status"] == "ok");
}

TEST_CASE("router: the query string does not change the route") {
    CHECK(dispatch(sample_router(), verb::get, "/healthz?verbose=1").result() == status::ok);
}

TEST_CASE("router: a known path with another method is 405 with Allow") {
    const auto res = dispatch(sample_router(), verb::delete_, "/logout");
    CHECK(res.result() == status::method_not_allowed);
    CHECK(std::string(res[beast_http::field::allow]) == "GET, POST");
    CHECK(nlohmann::json::parse(res.body())["error"] == "method_not_allowed");
}

TEST_CASE("router: paths match exactly") {
    const auto r = sample_router();
    SECTION("a trailing slash is another path") {
        CHECK(dispatch(r, verb::get, "/healthz/").result() == status::not_found);
    }
    SECTION("case matters") { CHECK(dispatch(r, verb::get, "/HEALTHZ").result() == status::not_found); }
    SECTION("no prefix matching") { CHECK(dispatch(r, verb::get, "/healthz/x").result() == status::not_found); }
    SECTION("no decoding") { CHECK(dispatch(r, verb::get, "/health%7A").result() == status::not_found); }
}

TEST_CASE("router: unknown paths go to the fallback when there is one") {
    auto r = sample_router();
    std::string seen;
    r.set_fallback([&seen](request&& req, responder respond) {
        seen = std::string(req.target());
        respond(json_response(status::ok, {{"fallback", true}}));
    });
    CHECK(dispatch(r, verb::get, "/app.js").result() == status::ok);
    CHECK(seen == "/app.js");
}

TEST_CASE("router: unknown paths are 404 with the error shape") {
    const auto res = dispatch(sample_router(), verb::get, "/nothing");
    CHECK(res.result() == status::not_found);
    const auto body = nlohmann::json::parse(res.body());
    CHECK(body["error"] == "not_found");
    CHECK(body["message"].is_string());
}

TEST_CASE("target_path drops the query and fragment") {
    CHECK(target_path("/a/b?x=1") == "/a/b");
    CHECK(target_path("/a#frag") == "/a");
    CHECK(target_path("/a") == "/a");
    CHECK(target_path("?x") == "");
}

TEST_CASE("router: the observer hears each answer with the route pattern, never the raw path") {
    auto r = sample_router();
    r.add_prefix(verb::get, "/users/", [](request&&, responder respond) { respond(redirect_response("/")); });
    struct heard {
        std::string route;
        verb method;
        unsigned status;
    };
    std::vector<heard> seen;
    r.set_observer([&seen](std::string_view route, verb method, unsigned status, std::chrono::steady_clock::duration) {
        seen.push_back({std::string(route), method, status});
    });
    dispatch(r, verb::get, "/healthz?x=1");
    dispatch(r, verb::get, "/users/auth0%7C123");
    dispatch(r, verb::delete_, "/logout");
    dispatch(r, verb::get, "/no/such/path");
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].route == "/healthz");
    CHECK(seen[0].method == verb::get);
    CHECK(seen[0].status == 200);
    CHECK(seen[1].route == "/users/");
    CHECK(seen[1].status == 302);
    CHECK(seen[2].route == "/logout");
    CHECK(seen[2].method == verb::delete_);
    CHECK(seen[2].status == 405);
    CHECK(seen[3].route.empty());  // nobody took it: the caller names it
    CHECK(seen[3].status == 404);
}
