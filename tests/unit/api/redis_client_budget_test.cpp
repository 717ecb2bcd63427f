// The shared per-client budget in a real redis-server (support/redis_server.hpp).
// Built with api_tests: the Redis budget is compiled into pd_api (redis_client_budget.hpp).
#include "http/redis_client_budget.hpp"

#include "api/store_unavailable.hpp"
#include "http/per_client_budget.hpp"
#include "support/redis_clients.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <future>

using namespace profiledesk;
using namespace std::chrono_literals;
using verdict = http::budget_verdict;

namespace {

state::outcome<verdict> take(http::client_budget& budget, const std::string& client) {
    return testing::await<verdict>([&](state::callback<verdict> done) { budget.take(client, std::move(done)); });
}

http::redis_budget_settings settings(double burst, double per_second) {
    http::redis_budget_settings s;
    s.name = "test";
    s.burst = burst;
    s.per_second = per_second;
    s.command_timeout = 1000ms;  // a loaded CI machine under ASan: a timeout drops the connection
    return s;
}

}  // namespace

TEST_CASE("redis budget: 200 concurrent takes through two instances from a bucket of 50 grant exactly 50") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    // Refills one request a day: none during the test.
    auto one = http::make_redis_client_budget(clients.connect(server), keys, settings(50, 1.0 / 86400));
    auto other = http::make_redis_client_budget(clients.connect(server), keys, settings(50, 1.0 / 86400));

    // Counted on the client's I/O thread, checked here (Catch2's checks are for the test's thread).
    std::atomic<int> granted{0}, refused{0}, unavailable{0}, short_waits{0};
    std::promise<void> all_answered;
    std::atomic<int> left{200};
    for (int i = 0; i < 200; ++i) {
        (i % 2 ? one : other)->take("203.0.113.7", [&](state::outcome<verdict> v) {
            if (!v.available()) {
                ++unavailable;
            } else if (v.value->granted) {
                ++granted;
            } else {
                ++refused;
                if (v.value->retry_after < 3600) ++short_waits;
            }
            if (--left == 0) all_answered.set_value();
        });
    }
    REQUIRE(all_answered.get_future().wait_for(5s) == std::future_status::ready);
    CHECK(granted == 50);
    CHECK(refused == 150);
    CHECK(unavailable == 0);
    CHECK(short_waits == 0);  // the next request is a day away

    // Another client, and an IPv6 client's neighbour in its /64, are counted apart / together.
    CHECK(take(*one, "198.51.100.1").value->granted);
    CHECK(take(*one, "2001:db8::1").value->granted);
    for (int i = 0; i < 49; ++i) take(*other, "2001:db8::2");
    CHECK_FALSE(take(*one, "2001:db8::3").value->granted);
}

TEST_CASE("redis budget: refills over time, and its key expires once it would be full") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    auto budget = http::make_redis_client_budget(clients.connect(server), keys, settings(2, 20));  // one per 50 ms

    CHECK(take(*budget, "203.0.113.7").value->granted);
    CHECK(take(*budget, "203.0.113.7").value->granted);
    const auto spent = take(*budget, "203.0.113.7");
    REQUIRE(spent.available());
    CHECK_FALSE(spent.value->granted);
    CHECK(spent.value->retry_after > 0);
    CHECK(spent.value->retry_after <= 0.051);

    const auto key = keys.global("budget:test:" + redis::key_space::digest("203.0.113.7"));
    const auto ttl = std::stol(server.cli("PTTL " + testing::shell_quoted(key)));
    CHECK(ttl > 0);
    CHECK(ttl <= 101);  // two tokens at 20 a second, and a millisecond
    CHECK(testing::eventually([&] { return take(*budget, "203.0.113.7").value->granted; }, 1000ms));
    CHECK(testing::eventually([&] { return server.cli("EXISTS " + testing::shell_quoted(key)) == "0\n"; }, 1000ms));
}

TEST_CASE("redis budget: Redis down answers unavailable by the deadline, and the route says 503") {
    testing::redis_server server;
    testing::redis_clients clients;
    auto budget = http::make_redis_client_budget(clients.connect(server), redis::key_space("test:"), settings(5, 1));
    REQUIRE(take(*budget, "203.0.113.7").available());

    int called = 0;
    const http::handler h = http::throttled(
        [&called](http::request&&, http::responder respond) {
            ++called;
            respond(http::response{http::beast_http::status::ok, 11});
        },
        budget, 0,
        [](unsigned) {
            return http::response{http::beast_http::status::too_many_requests, 11};
        },
        api::store_unavailable);
    const auto ask = [&h] {
        http::request req{http::beast_http::verb::get, "/login", 11};
        req.set(http::client_address_field, "203.0.113.7");
        std::promise<http::response> answer;
        h(std::move(req), [&answer](http::response r) { answer.set_value(std::move(r)); });
        return answer.get_future().get();
    };
    CHECK(ask().result() == http::beast_http::status::ok);

    server.stop();
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(take(*budget, "203.0.113.7").available());
    const auto res = ask();
    CHECK(std::chrono::steady_clock::now() - started < 1s);
    CHECK(res.result() == http::beast_http::status::service_unavailable);
    CHECK(res[http::beast_http::field::retry_after] == "2");
    CHECK(res.body().find("session_store_unavailable") != std::string::npos);
    CHECK(called == 1);

    server.restart();
    CHECK(testing::eventually([&] { return take(*budget, "203.0.113.7").available(); }));
    CHECK(ask().result() == http::beast_http::status::ok);
}
