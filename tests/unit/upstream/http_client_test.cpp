// The upstream client against a real in-process HTTP server on loopback.
#include "upstream/http_client.hpp"
#include "http/listener.hpp"
#include "http/responses.hpp"
#include "upstream/address_policy.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <thread>

using namespace profiledesk;
namespace net = boost::asio;
using namespace std::chrono_literals;

namespace {

// A loopback server run on its own thread with routes given by the test.
struct test_server {
    net::io_context ioc;
    http::router routes;
    std::shared_ptr<http::listener> listener;
    std::thread thread;
    std::atomic<int> requests{0};

    void start() {
        listener = std::make_shared<http::listener>(ioc, net::ip::tcp::endpoint{net::ip::make_address("127.0.0.1"), 0},
                                                    routes, http::connection_limits{}, false);
        listener->run();
        thread = std::thread([this] { ioc.run(); });
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(listener->port()) + path;
    }
    ~test_server() {
        ioc.stop();
        if (thread.joinable()) thread.join();
    }
};

// The client runs on its own io_context and thread, as in the server.
struct test_client {
    net::io_context ioc;
    net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
    std::shared_ptr<upstream::http_client> client;
    std::thread thread{[this] { ioc.run(); }};

    explicit test_client(upstream::client_options options = {})
        : client(std::make_shared<upstream::http_client>(ioc, upstream::make_tls_client_context(), options)) {}

    std::pair<boost::system::error_code, upstream::client_response> send(upstream::client_request req,
                                                                         std::chrono::milliseconds timeout = 5s) {
        std::promise<std::pair<boost::system::error_code, upstream::client_response>> p;
        client->send(std::move(req), std::chrono::steady_clock::now() + timeout,
                     [&p](boost::system::error_code ec, upstream::client_response res) {
                         p.set_value({ec, std::move(res)});
                     });
        return p.get_future().get();
    }
    ~test_client() {
        work.reset();
        ioc.stop();
        thread.join();
    }
};

}  // namespace

TEST_CASE("http_client: GET returns status, headers and body") {
    test_server server;
    server.routes.add(http::beast_http::verb::get, "/hello", [&](http::request&&, http::responder respond) {
        ++server.requests;
        auto res = http::json_response(http::beast_http::status::ok, {{"hello", "world"}});
        res.set("x-ratelimit-remaining", "7");
        respond(std::move(res));
    });
    server.start();
    test_client client;
    const auto [ec, res] = client.send({http::beast_http::verb::get, server.url("/hello"), {}, {}, {}});
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(nlohmann::json::parse(res.body)["hello"] == "world");
    CHECK(std::string(res.headers["x-ratelimit-remaining"]) == "7");
}

TEST_CASE("http_client: a body and headers reach the server") {
    test_server server;
    std::string seen_body, seen_type, seen_auth;
    server.routes.add(http::beast_http::verb::patch, "/users/auth0%7Cabc",
                      [&](http::request&& req, http::responder respond) {
                          seen_body = req.body();
                          seen_type = std::string(req[http::beast_http::field::content_type]);
                          seen_auth = std::string(req[http::beast_http::field::authorization]);
                          respond(http::json_response(http::beast_http::status::ok, {{"ok", true}}));
                      });
    server.start();
    test_client client;
    const auto [ec, res] = client.send({http::beast_http::verb::patch,
                                        server.url("/users/auth0%7Cabc"),
                                        {{"Authorization", "Bearer t"}},
                                        R"({"name":"x"})",
                                        "application/json"});
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(seen_body == R"({"name":"x"})");
    CHECK(seen_type == "application/json");
    CHECK(seen_auth == "Bearer t");
}

TEST_CASE("http_client: error statuses are answers, not errors") {
    test_server server;
    server.start();
    test_client client;
    const auto [ec, res] = client.send({http::beast_http::verb::get, server.url("/missing"), {}, {}, {}});
    REQUIRE_FALSE(ec);
    CHECK(res.status == 404);
}

TEST_CASE("http_client: keep-alive connections are reused") {
    test_server server;
    server.routes.add(http::beast_http::verb::get, "/n", [&](http::request&&, http::responder respond) {
        respond(http::json_response(http::beast_http::status::ok, {{"n", ++server.requests}}));
    });
    server.start();
    test_client client;
    for (int i = 0; i < 5; ++i) {
        REQUIRE_FALSE(client.send({http::beast_http::verb::get, server.url("/n"), {}, {}, {}}).first);
    }
    CHECK(server.requests == 5);
    CHECK(client.client->idle_connections() == 1);
    CHECK(server.listener->open_connections() == 1);
}

TEST_CASE("http_client: the deadline ends a request the server never answers") {
    test_server server;
    std::vector<http::responder> held;  // never answered while the test waits
    std::mutex m;
    server.routes.add(http::beast_http::verb::get, "/hang", [&](http::request&&, http::responder respond) {
        const std::lock_guard lock(m);
        held.push_back(std::move(respond));
    });
    server.start();
    test_client client;
    const auto started = std::chrono::steady_clock::now();
    const auto [ec, res] = client.send({http::beast_http::verb::get, server.url("/hang"), {}, {}, {}}, 300ms);
    CHECK(ec == boost::beast::error::timeout);
    CHECK(std::chrono::steady_clock::now() - started < 5s);
}

TEST_CASE("http_client: nothing listening is a connection error") {
    test_client client;
    // Port 1 on loopback: nothing listens there.
    const auto [ec, res] = client.send({http::beast_http::verb::get, "http://127.0.0.1:1/", {}, {}, {}});
    CHECK(ec == net::error::connection_refused);
}

TEST_CASE("http_client: a URL that is not http(s) is refused before any I/O") {
    test_client client;
    CHECK(client.send({http::beast_http::verb::get, "ftp://example.com/", {}, {}, {}}).first ==
          upstream::client_error::bad_url);
    CHECK(client.send({http::beast_http::verb::get, "not a url", {}, {}, {}}).first == upstream::client_error::bad_url);
}

TEST_CASE("http_client: a CA file that cannot be read is a clear error") {
    CHECK_THROWS_WITH(upstream::make_tls_client_context("/nonexistent/ca.pem"),
                      Catch::Contains("cannot load CA certificates from /nonexistent/ca.pem"));
}

TEST_CASE("http_client: with an address filter, a host that resolves only to refused addresses is never contacted") {
    test_server server;
    server.routes.add(http::beast_http::verb::get, "/secret", [&](http::request&&, http::responder respond) {
        ++server.requests;
        respond(http::json_response(http::beast_http::status::ok, {{"secret", true}}));
    });
    server.start();

    SECTION("public addresses only: loopback is refused before connecting") {
        upstream::client_options options;
        options.allow_address = upstream::is_public_address;
        test_client client(options);
        const auto [ec, res] = client.send({http::beast_http::verb::get, server.url("/secret"), {}, {}, {}});
        CHECK(ec == upstream::client_error::address_not_allowed);
        CHECK(server.requests == 0);
    }
    SECTION("a name with several addresses is connected only on the allowed ones") {
        // "localhost" resolves to 127.0.0.1 and, on most systems, ::1 too.
        const auto url = "http://localhost:" + std::to_string(server.listener->port()) + "/secret";
        upstream::client_options only_v6;
        only_v6.allow_address = [](const net::ip::address& a) { return a.is_v6(); };
        const auto [refused, _] = test_client(only_v6).send({http::beast_http::verb::get, url, {}, {}, {}});
        CHECK(refused);  // not allowed at all, or refused by ::1 where nothing listens
        CHECK(server.requests == 0);
        upstream::client_options only_v4;
        only_v4.allow_address = [](const net::ip::address& a) { return a.is_v4(); };
        const auto [ec, res] = test_client(only_v4).send({http::beast_http::verb::get, url, {}, {}, {}});
        REQUIRE_FALSE(ec);
        CHECK(server.requests == 1);
    }
    SECTION("a filter that allows the address connects as usual") {
        upstream::client_options options;
        options.allow_address = [](const net::ip::address& a) { return a.is_loopback(); };
        test_client client(options);
        const auto [ec, res] = client.send({http::beast_http::verb::get, server.url("/secret"), {}, {}, {}});
        REQUIRE_FALSE(ec);
        CHECK(res.status == 200);
        CHECK(server.requests == 1);
    }
}
