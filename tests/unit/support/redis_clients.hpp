// Redis clients for unit tests of the Redis-backed stores: an io_context on
// two threads of its own (a store's callbacks run there, as on the server's
// I/O threads), clients connected to a test's redis_server with short timeouts,
// and `await`, which waits for one asynchronous store operation's outcome.
#pragma once

#include "redis/client.hpp"
#include "state/outcome.hpp"
#include "support/redis_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace profiledesk::testing {

class redis_clients {
public:
    redis_clients() : work_(boost::asio::make_work_guard(ioc_)) {
        for (auto& t : threads_) t = std::thread([this] { ioc_.run(); });
    }
    ~redis_clients() {
        for (auto& c : clients_) c->stop();
        work_.reset();
        ioc_.stop();
        for (auto& t : threads_) t.join();
    }
    redis_clients(const redis_clients&) = delete;
    redis_clients& operator=(const redis_clients&) = delete;

    boost::asio::io_context& ioc() { return ioc_; }

    // A client of its own (as another instance of the server would have one).
    std::shared_ptr<redis::client> connect(const redis_server& server) {
        redis::client::options o;
        o.url = server.url();
        o.connect_timeout = std::chrono::milliseconds(300);
        o.reconnect_max = std::chrono::milliseconds(50);  // back soon after a restart
        auto c = redis::client::create(ioc_, o);
        c->start();
        clients_.push_back(c);
        return c;
    }

private:
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::thread threads_[2];
    std::vector<std::shared_ptr<redis::client>> clients_;
};

// Starts one operation with a callback and waits for its outcome. A store
// must answer by its deadline: 5 s without an answer is a failure.
template <class T>
state::outcome<T> await(const std::function<void(state::callback<T>)>& start) {
    auto answer = std::make_shared<std::promise<state::outcome<T>>>();
    auto got = answer->get_future();
    start([answer](state::outcome<T> o) { answer->set_value(std::move(o)); });
    if (got.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        throw std::runtime_error("a store operation gave no answer in 5 s");
    }
    return got.get();
}

// A key for redis_server::cli, which goes through a shell: per-user keys hold braces.
inline std::string shell_quoted(const std::string& key) { return "'" + key + "'"; }

// Polls `ready` every 10 ms until it holds or `limit` passes.
inline bool eventually(const std::function<bool()>& ready,
                       std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!ready()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

}  // namespace profiledesk::testing
