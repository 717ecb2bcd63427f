// The Redis client against a real redis-server (support/redis_server.hpp).
#include "redis/client.hpp"
#include "redis/keys.hpp"
#include "support/io_threads.hpp"
#include "support/redis_server.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using namespace profiledesk;
using namespace std::chrono_literals;
using redis::failure;

namespace {

using testing::io_threads;

std::shared_ptr<redis::client> connect(io_threads& io, redis::redis_url url,
                                       std::shared_ptr<boost::asio::ssl::context> tls = nullptr) {
    redis::client::options o;
    o.url = std::move(url);
    o.tls = std::move(tls);
    o.connect_timeout = 1000ms;
    o.reconnect_max = 200ms;
    auto c = redis::client::create(io.ioc, std::move(o));
    c->start();
    return c;
}

redis::result call(redis::client& c, std::vector<std::string> argv,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
    std::promise<redis::result> p;
    auto f = p.get_future();
    c.command(std::move(argv), redis::client::clock::now() + timeout,
              [&p](redis::result r) { p.set_value(std::move(r)); });
    return f.get();
}

// Commands until one succeeds (the client reconnects by itself), for at most 10 s.
bool comes_back(redis::client& c) {
    for (int i = 0; i < 200; ++i) {
        if (call(c, {"PING"}, 500ms).ok()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

}  // namespace

TEST_CASE("commands and their replies, binary-safe") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());

    const std::string value("a\0b\r\nc", 6);
    CHECK(call(*c, {"SET", "k", value}).value.text == "OK");
    const auto got = call(*c, {"GET", "k"});
    REQUIRE(got.ok());
    CHECK(got.value.string() == value);
    CHECK(call(*c, {"GET", "missing"}).value.is_nil());
    CHECK(call(*c, {"INCRBY", "n", "41"}).value.integer == 41);
    CHECK(call(*c, {"GET", "n"}).value.as_integer() == 41);
    call(*c, {"RPUSH", "list", "x", "y"});
    const auto list = call(*c, {"LRANGE", "list", "0", "-1"});
    REQUIRE(list.value.elements.size() == 2);
    CHECK(list.value.elements[1].string() == "y");

    const auto wrong = call(*c, {"INCR", "list"});
    CHECK(wrong.error == failure::server_error);
    CHECK(wrong.message.rfind("WRONGTYPE", 0) == 0);
    CHECK(c->connected());  // an error reply is not a connection problem
}

TEST_CASE("many concurrent commands are pipelined on one connection, each answered once") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    REQUIRE(comes_back(*c));

    constexpr int n = 2000;
    std::atomic<int> ok{0}, answers{0};
    std::promise<void> all;
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
        senders.emplace_back([&] {
            for (int i = 0; i < n / 4; ++i) {
                c->command({"INCR", "counter"}, redis::client::clock::now() + 5s, [&](redis::result r) {
                    if (r.ok()) ++ok;
                    if (++answers == n) all.set_value();
                });
            }
        });
    }
    for (auto& s : senders) s.join();
    all.get_future().wait();
    CHECK(ok == n);
    CHECK(call(*c, {"GET", "counter"}).value.as_integer() == n);
    CHECK(server.cli("CLIENT LIST").find("cmd=client") != std::string::npos);
    // One connection of ours (plus redis-cli's own).
    const auto clients = server.cli("INFO clients");
    CHECK(clients.find("connected_clients:2") != std::string::npos);
}

TEST_CASE("a callback never runs inside the call that sent the command") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    REQUIRE(comes_back(*c));
    std::atomic<bool> returned{false}, inside{false};
    std::promise<void> done;
    c->command({"PING"}, redis::client::clock::now() + 2s, [&](redis::result) {
        inside = !returned;
        done.set_value();
    });
    returned = true;
    done.get_future().wait();
    CHECK_FALSE(inside);
}

TEST_CASE("a Lua script runs, also after the server forgot its scripts") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    const redis::script add("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    auto eval = [&](std::string by) {
        std::promise<redis::result> p;
        c->eval(add, {"total"}, {std::move(by)}, redis::client::clock::now() + 2s,
                [&](redis::result r) { p.set_value(std::move(r)); });
        return p.get_future().get();
    };
    CHECK(eval("2").value.integer == 2);
    server.cli("SCRIPT FLUSH");
    CHECK(eval("3").value.integer == 5);
}

TEST_CASE("a caller's spent deadline answers timeout and leaves the connection to the others") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    REQUIRE(comes_back(*c));
    const auto before = call(*c, {"CLIENT", "ID"}).value.integer;
    // A deadline already past when the command goes out (a caller that spent
    // its time elsewhere): that caller gets `timeout`, nobody else suffers.
    for (int i = 0; i < 20; ++i) call(*c, {"PING"}, 0ms);
    const auto after = call(*c, {"CLIENT", "ID"});
    REQUIRE(after.ok());
    CHECK(after.value.integer == before);  // the same connection
}

TEST_CASE("Redis stopped: commands answer unavailable at once, it comes back by itself") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    REQUIRE(comes_back(*c));
    CHECK(call(*c, {"SET", "k", "v"}).ok());

    server.stop();
    const auto started = std::chrono::steady_clock::now();
    redis::result r;
    for (int i = 0; i < 20 && (r = call(*c, {"GET", "k"}, 1000ms)).ok(); ++i) std::this_thread::sleep_for(20ms);
    CHECK(r.error == failure::unavailable);
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    CHECK_FALSE(c->connected());
    CHECK_FALSE(c->last_error().empty());

    server.restart();  // same port, empty
    REQUIRE(comes_back(*c));
    CHECK(c->connected());
    CHECK(call(*c, {"GET", "k"}).value.is_nil());
}

TEST_CASE("a stalled Redis: the command times out by its deadline, later ones work once it answers") {
    testing::redis_server server;
    io_threads io;
    auto c = connect(io, server.url());
    REQUIRE(comes_back(*c));

    server.pause();
    const auto started = std::chrono::steady_clock::now();
    const auto r = call(*c, {"PING"}, 300ms);
    const auto took = std::chrono::steady_clock::now() - started;
    server.resume();
    CHECK(r.error == failure::timeout);
    CHECK(took >= 300ms);
    CHECK(took < 2s);
    CHECK(comes_back(*c));
}

TEST_CASE("AUTH with the URL's password, a wrong one is a connection that never comes up") {
    testing::redis_server server({"correct horse"});
    io_threads io;
    auto good = connect(io, server.url());
    CHECK(comes_back(*good));
    CHECK(call(*good, {"SET", "k", "v"}).ok());

    auto url = server.url();
    url.password = "wrong";
    auto bad = connect(io, url);
    const auto r = call(*bad, {"GET", "k"});
    CHECK(r.error == failure::unavailable);
    std::this_thread::sleep_for(100ms);
    CHECK_FALSE(bad->connected());
    CHECK(bad->last_error().find("refused") != std::string::npos);
    CHECK(bad->last_error().find("wrong") == std::string::npos);
}

TEST_CASE("the URL's database is selected on every connection") {
    testing::redis_server server;
    io_threads io;
    auto url = server.url();
    url.db = 3;
    auto c = connect(io, url);
    REQUIRE(comes_back(*c));
    CHECK(call(*c, {"SET", "where", "three"}).ok());
    CHECK(server.cli("-n 3 GET where").find("three") != std::string::npos);
    CHECK(server.cli("-n 0 GET where").find("three") == std::string::npos);
}

TEST_CASE("rediss://: a connection lost with a read pending is made again, nothing touched after it is gone") {
    testing::redis_server server({{}, true});
    io_threads io;
    auto c = connect(io, server.url(), upstream::make_tls_client_context(server.certificate_file()));
    REQUIRE(comes_back(*c));
    server.stop();  // the TLS stream's pending read fails; under ASan a freed stream would be reported
    CHECK_FALSE(call(*c, {"PING"}, 500ms).ok());
    server.restart();
    CHECK(comes_back(*c));
}

TEST_CASE("rediss:// verifies the server's certificate") {
    testing::redis_server server({{}, true});
    io_threads io;
    auto trusted = connect(io, server.url(), upstream::make_tls_client_context(server.certificate_file()));
    REQUIRE(comes_back(*trusted));
    CHECK(call(*trusted, {"SET", "k", "v"}).ok());

    // The system's trust store does not know a self-signed certificate.
    auto untrusted = connect(io, server.url(), upstream::make_tls_client_context());
    CHECK(call(*untrusted, {"PING"}).error == failure::unavailable);
    std::this_thread::sleep_for(100ms);
    CHECK(untrusted->last_error().find("TLS") != std::string::npos);
}

TEST_CASE("every command is reported to the observer with its name and outcome") {
    testing::redis_server server;
    io_threads io;
    std::mutex m;
    std::vector<std::pair<std::string, failure>> seen;
    redis::client::options o;
    o.url = server.url();
    o.observe = [&](std::string_view name, failure f, redis::client::clock::duration) {
        std::lock_guard lock(m);
        seen.emplace_back(std::string(name), f);
    };
    auto c = redis::client::create(io.ioc, std::move(o));
    c->start();
    REQUIRE(comes_back(*c));
    call(*c, {"set", "k", "v"});
    call(*c, {"INCR", "k"});
    std::lock_guard lock(m);
    REQUIRE(seen.size() >= 3);
    CHECK(seen[seen.size() - 2] == std::pair<std::string, failure>{"SET", failure::none});
    CHECK(seen.back() == std::pair<std::string, failure>{"INCR", failure::server_error});
}

TEST_CASE("key names: prefixed, one hash tag per user, ids digested") {
    const redis::key_space keys("pd:");
    const auto a = keys.user("auth0|abc", "sessions");
    CHECK(a.rfind("pd:{u:", 0) == 0);
    CHECK(a.find("auth0") == std::string::npos);
    CHECK(a.substr(a.size() - 10) == "}:sessions");
    // The same tag for every key of one user (one Cluster slot), another for another user.
    CHECK(keys.user("auth0|abc", "versions").substr(0, 39) == a.substr(0, 39));
    CHECK(keys.user("auth0|abd", "sessions") != a);
    CHECK(keys.global("mgmt:token") == "pd:mgmt:token");
    CHECK(redis::key_space::digest("x").size() == 64);
}
