// A connection over loopback, with a handler that forgets to answer.
#include "http/listener.hpp"
#include "http/responses.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

using namespace profiledesk;
namespace net = boost::asio;
namespace beast = boost::beast;
using namespace std::chrono_literals;

namespace {

// Serves "/answers" at once; tests add the routes they need before start().
struct loopback_server {
    net::io_context ioc;
    http::router routes;
    std::shared_ptr<http::listener> listener;
    std::thread thread;

    loopback_server() {
        routes.add(http::beast_http::verb::get, "/answers", [](http::request&& req, http::responder respond) {
            respond(http::json_response(http::beast_http::status::ok, {{"ok", true}}, req.version()));
        });
    }

    void start(http::connection_limits limits) {
        listener = std::make_shared<http::listener>(ioc, net::ip::tcp::endpoint{net::ip::make_address("127.0.0.1"), 0},
                                                    routes, limits, false);
        listener->run();
        thread = std::thread([this] { ioc.run(); });
    }
    ~loopback_server() {
        ioc.stop();
        if (thread.joinable()) thread.join();
    }
};

// One keep-alive client connection to the server.
struct loopback_client {
    net::io_context ioc;
    beast::tcp_stream stream{ioc};
    explicit loopback_client(const loopback_server& server) {
        stream.connect(net::ip::tcp::endpoint{net::ip::make_address("127.0.0.1"), server.listener->port()});
        stream.expires_after(10s);
    }
};

http::response get(beast::tcp_stream& stream, const char* path) {
    http::request req{http::beast_http::verb::get, path, 11};
    req.set(http::beast_http::field::host, "127.0.0.1");
    http::beast_http::write(stream, req);
    beast::flat_buffer buffer;
    http::response res;
    http::beast_http::read(stream, buffer, res);
    return res;
}

}  // namespace

TEST_CASE("connection: a handler that never answers gets a 503 from the connection, which goes on serving") {
    loopback_server server;
    http::responder forgotten;  // kept, never called: the bug
    server.routes.add(http::beast_http::verb::get, "/forgets",
                      [&forgotten](http::request&&, http::responder respond) { forgotten = std::move(respond); });
    http::connection_limits limits;
    limits.handler_timeout = 200ms;
    server.start(limits);

    loopback_client client(server);
    auto& stream = client.stream;
    const auto started = std::chrono::steady_clock::now();
    const auto res = get(stream, "/forgets");
    CHECK(std::chrono::steady_clock::now() - started >= 200ms);
    CHECK(res.result() == http::beast_http::status::service_unavailable);
    CHECK(nlohmann::json::parse(res.body())["error"] == "timeout");
    SECTION("the late answer is dropped and the same connection serves the next request") {
        forgotten(http::json_response(http::beast_http::status::ok, {{"late", true}}, 11));
        const auto next = get(stream, "/answers");
        CHECK(next.result() == http::beast_http::status::ok);
        CHECK(nlohmann::json::parse(next.body()) == nlohmann::json{{"ok", true}});
    }
}

TEST_CASE("connection: an answer in time is never followed by the timeout's") {
    loopback_server server;
    http::connection_limits limits;
    limits.handler_timeout = 100ms;
    server.start(limits);
    loopback_client client(server);
    auto& stream = client.stream;
    CHECK(get(stream, "/answers").result() == http::beast_http::status::ok);
    std::this_thread::sleep_for(300ms);  // past the timeout: nothing more may arrive
    CHECK(get(stream, "/answers").result() == http::beast_http::status::ok);
}

TEST_CASE("connection: every response names the instance when it has an id, none by default") {
    SECTION("with an id: routed answers and the connection's own errors alike") {
        loopback_server server;
        http::connection_limits limits;
        limits.instance_id = "b";
        server.start(limits);
        loopback_client client(server);
        CHECK(get(client.stream, "/answers")[http::instance_field] == "b");
        CHECK(get(client.stream, "/no-such-route")[http::instance_field] == "b");
    }
    SECTION("without") {
        loopback_server server;
        server.start({});
        loopback_client client(server);
        CHECK(get(client.stream, "/answers").count(http::instance_field) == 0);
    }
}
