// The Redis hook feeding profiledesk_redis_command_*, against a real
// redis-server (support/redis_server.hpp).
#include "metrics/redis_observer.hpp"
#include "support/redis_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace profiledesk;
using namespace std::chrono_literals;

namespace {

redis::result call(redis::client& c, std::vector<std::string> argv) {
    std::promise<redis::result> p;
    auto f = p.get_future();
    c.command(std::move(argv), redis::client::clock::now() + 2s, [&p](redis::result r) { p.set_value(std::move(r)); });
    return f.get();
}

// The value of one sample line of the default registry's exposition, 0 when absent.
double sample(const std::string& series) {
    const auto text = metrics::default_registry().expose();
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stod(text.substr(at + series.size() + 2));
}

}  // namespace

TEST_CASE("redis observer: each command's time by name, and its failures by kind") {
    metrics::server();  // the families exist before the first command
    const std::string set_count = "profiledesk_redis_command_duration_seconds_count{command=\"SET\"}";
    const std::string incr_count = "profiledesk_redis_command_duration_seconds_count{command=\"INCR\"}";
    const std::string incr_errors = "profiledesk_redis_command_errors_total{command=\"INCR\",error=\"server_error\"}";
    const std::string get_unavailable = "profiledesk_redis_command_errors_total{command=\"GET\",error=\"unavailable\"}";
    const auto before = [&] {
        return std::vector<double>{sample(set_count), sample(incr_count), sample(incr_errors), sample(get_unavailable)};
    }();

    testing::redis_server server;
    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    std::thread io([&ioc] { ioc.run(); });
    redis::client::options o;
    o.url = server.url();
    o.reconnect_max = 200ms;
    o.observe = metrics::redis_observer();
    auto c = redis::client::create(ioc, std::move(o));
    c->start();

    REQUIRE(call(*c, {"SET", "k", "text"}).ok());
    CHECK(call(*c, {"INCR", "k"}).error == redis::failure::server_error);  // not an integer
    server.stop();
    CHECK(call(*c, {"GET", "k"}).error == redis::failure::unavailable);

    CHECK(sample(set_count) == before[0] + 1);
    CHECK(sample(incr_count) == before[1] + 1);  // a failed command's time counts too
    CHECK(sample(incr_errors) == before[2] + 1);
    CHECK(sample(get_unavailable) == before[3] + 1);
    CHECK(sample("profiledesk_redis_command_errors_total{command=\"SET\",error=\"server_error\"}") == 0);

    c->stop();
    work.reset();
    ioc.stop();
    io.join();
}
