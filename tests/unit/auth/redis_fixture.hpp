// What the tests of the Redis-backed auth stores share: a real redis-server
// (support/redis_server.hpp), an io_context on two threads as in the server,
// and clients on it, one per simulated instance.
#pragma once

#include "redis/client.hpp"
#include "support/io_threads.hpp"
#include "support/redis_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

namespace profiledesk::testing {

// A client as an instance would have one; short timeouts so that tests of
// an unreachable Redis stay quick.
inline std::shared_ptr<redis::client> connect(io_threads& io, const redis_server& server) {
    redis::client::options o;
    o.url = server.url();
    o.connect_timeout = std::chrono::milliseconds(500);
    o.reconnect_max = std::chrono::milliseconds(100);
    auto c = redis::client::create(io.ioc, std::move(o));
    c->start();
    return c;
}

// Polls `condition` every 20 ms for at most `limit`: whether it held.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

// A number redis-cli printed (TTL, PTTL, EXISTS, ZCARD...).
inline long long cli_number(const redis_server& server, const std::string& args) {
    return std::stoll(server.cli(args));
}

}  // namespace profiledesk::testing
