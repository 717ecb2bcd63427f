// The sign-in and session routes over the Redis-backed stores (a real
// redis-server): a session made in Redis serves requests, and while Redis
// cannot be reached every route that needs it answers 503 with Retry-After,
// within the store's deadline, and changes nothing.
#include "api/auth_routes.hpp"

#include "auth/cookies.hpp"
#include "auth/login_transaction.hpp"
#include "auth/redis_fixture.hpp"
#include "auth/redis_replay_guard.hpp"
#include "auth/redis_session_store.hpp"
#include "auth/redis_sign_out_marks.hpp"
#include "auth/session_calls.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>

using namespace profiledesk;
using namespace profiledesk::testing;
using namespace std::chrono_literals;
namespace beast_http = boost::beast::http;

namespace {

const redis::key_space keys("test:");

struct routes_on_redis {
    std::shared_ptr<api::auth_context> ctx = std::make_shared<api::auth_context>();
    http::router routes;

    routes_on_redis(io_threads& io, const redis_server& server) {
        const auto client = connect(io, server);
        ctx->sessions = auth::make_redis_session_store(client, keys, {30min, 12h}, 20, 300ms);
        ctx->sign_out_marks = auth::make_redis_sign_out_marks(client, keys, 3600s, 300ms);
        ctx->used_states = auth::make_redis_replay_guard(client, keys, 600s, 300ms);
        ctx->transaction_sealer = std::make_shared<auth::sealer>(std::string(32, 'k'), auth::login_transaction_purpose);
        ctx->base_url = ctx->origin = "http://localhost:8080";
        api::add_auth_routes(routes, ctx);
    }

    http::response send(beast_http::verb method, const std::string& target, const std::string& cookie = {}) {
        http::request req{method, target, 11};
        if (!cookie.empty()) req.set(beast_http::field::cookie, cookie);
        req.set(beast_http::field::origin, ctx->origin);
        req.set(beast_http::field::content_type, "application/json");
        std::promise<http::response> answered;
        auto answer = answered.get_future();
        routes.dispatch(std::move(req), [&answered](http::response res) { answered.set_value(std::move(res)); });
        REQUIRE(answer.wait_for(5s) == std::future_status::ready);
        return answer.get();
    }
};

std::string session_cookie(const auth::session& s) { return auth::session_cookie_name(false) + "=" + s.id; }

// A 503 that says to come back, and sets no cookie (nothing changed).
void check_unavailable(const http::response& res) {
    CHECK(res.result() == beast_http::status::service_unavailable);
    CHECK(res[beast_http::field::retry_after] == "2");
}

}  // namespace

TEST_CASE("auth routes on Redis: a session made in Redis is the one /api/session reports") {
    redis_server server;
    io_threads io;
    routes_on_redis app(io, server);
    const auto s = create(*app.ctx->sessions, {"auth0|ada", "Ada", "", "ada@example.com", "auth0"}, 0,
                          std::chrono::system_clock::now());
    const auto res = app.send(beast_http::verb::get, "/api/session", session_cookie(s));
    REQUIRE(res.result() == beast_http::status::ok);
    const auto body = nlohmann::json::parse(res.body());
    CHECK(body["authenticated"] == true);
    CHECK(body["csrfToken"] == s.csrf_token);
    CHECK(nlohmann::json::parse(app.send(beast_http::verb::get, "/api/session").body())["authenticated"] == false);
}

// A command whose caller gave up is still on the connection: a stalled
// Redis that wakes up runs it (its answer said "may or may not have run").
// So a sign-out that answered 503 may take effect a moment later, which is
// what its user asked for; what reads or signs in changes nothing.
TEST_CASE("auth routes on Redis: Redis down answers 503 with Retry-After and changes nothing") {
    redis_server server;
    io_threads io;
    routes_on_redis app(io, server);
    const auto s = create(*app.ctx->sessions, {"auth0|ada", "Ada", "", "ada@example.com", "auth0"}, 0,
                          std::chrono::system_clock::now());
    server.pause();  // nothing answers: every answer below waits for the 300 ms deadline
    const auto start = std::chrono::steady_clock::now();
    bool signed_out = false;  // a sign-out route was asked (see above)
    SECTION("the session route: JSON session_store_unavailable") {
        const auto res = app.send(beast_http::verb::get, "/api/session", session_cookie(s));
        check_unavailable(res);
        CHECK(nlohmann::json::parse(res.body())["error"] == "session_store_unavailable");
        CHECK(res.count(beast_http::field::set_cookie) == 0);  // the cookie stays: the session does
    }
    SECTION("the sign-out API routes: JSON session_store_unavailable") {
        signed_out = true;
        for (const auto& [method, target] : {std::pair{beast_http::verb::post, "/api/session/end"},
                                             {beast_http::verb::post, "/api/session/end-all"}}) {
            const auto res = app.send(method, target, session_cookie(s));
            check_unavailable(res);
            CHECK(nlohmann::json::parse(res.body())["error"] == "session_store_unavailable");
            CHECK(res.count(beast_http::field::set_cookie) == 0);  // the cookie stays: the session does
        }
    }
    SECTION("the sign-out pages: HTML, for a browser") {
        signed_out = true;
        for (const auto method : {beast_http::verb::get, beast_http::verb::post}) {
            const auto res = app.send(method, "/logout", session_cookie(s));
            check_unavailable(res);
            CHECK(res[beast_http::field::content_type].starts_with("text/html"));
            CHECK(res.count(beast_http::field::set_cookie) == 0);
        }
    }
    SECTION("the callback: its try-again page, once the replay guard cannot be asked") {
        const auto tx = auth::new_login_transaction("/", std::time(nullptr));
        const auto cookie = auth::transaction_cookie_name(false) + "=" +
                            auth::seal_transaction(tx, *app.ctx->transaction_sealer);
        const auto res = app.send(beast_http::verb::get, "/callback?code=c&state=" + tx.state, cookie);
        check_unavailable(res);
        CHECK(res[beast_http::field::content_type].starts_with("text/html"));
    }
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    server.resume();
    // Nothing changed: the session is still there, through the same routes.
    CHECK(eventually([&] {
        return app.send(beast_http::verb::get, "/api/session", session_cookie(s)).result() == beast_http::status::ok;
    }));
    if (!signed_out) {
        CHECK(nlohmann::json::parse(
                  app.send(beast_http::verb::get, "/api/session", session_cookie(s)).body())["authenticated"] == true);
    }
}
