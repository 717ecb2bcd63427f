// Callers waiting for one shared result (a token fetch, a coalesced read),
// each with its own deadline: a waiter whose deadline passes first gets its
// timeout answer at once, and the others keep waiting. Each callback runs
// exactly once, on an I/O thread, never under a lock. Thread-safe.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace profiledesk::mgmt {

template <class Result>
class deadline_waiters : public std::enable_shared_from_this<deadline_waiters<Result>> {
public:
    using callback = std::function<void(Result)>;

    explicit deadline_waiters(boost::asio::io_context& ioc) : ioc_(ioc) {}

    // Adds a waiter; at `deadline` it gets `on_timeout` unless complete() came first.
    void add(std::chrono::steady_clock::time_point deadline, callback done, Result on_timeout) {
        auto timer = std::make_shared<boost::asio::steady_timer>(ioc_, deadline);
        std::uint64_t id = 0;
        {
            const std::lock_guard lock(mutex_);
            id = ++next_id_;
            entries_.push_back({id, std::move(done), timer});
        }
        timer->async_wait([self = this->shared_from_this(), id,
                           on_timeout = std::move(on_timeout)](boost::system::error_code ec) mutable {
            if (ec) return;  // cancelled: complete() answered this waiter
            if (auto done = self->take(id)) done(std::move(on_timeout));
        });
    }

    // Adds a waiter without a timer of its own: for a caller whose deadline
    // the shared work itself honours (it ends by then, one way or the other).
    void add(callback done) {
        const std::lock_guard lock(mutex_);
        entries_.push_back({++next_id_, std::move(done), nullptr});
    }

    // Answers every waiter still waiting with (a copy of) `result`.
    void complete(const Result& result) {
        std::vector<entry> entries;
        {
            const std::lock_guard lock(mutex_);
            entries.swap(entries_);
        }
        for (auto& e : entries) {
            if (e.timer) e.timer->cancel();
            e.done(result);
        }
    }

    std::size_t size() {
        const std::lock_guard lock(mutex_);
        return entries_.size();
    }

private:
    struct entry {
        std::uint64_t id;
        callback done;
        std::shared_ptr<boost::asio::steady_timer> timer;  // null: no deadline of its own
    };

    callback take(std::uint64_t id) {
        const std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end(); ++it) {
            if (it->id != id) continue;
            auto done = std::move(it->done);
            entries_.erase(it);
            return done;
        }
        return nullptr;
    }

    boost::asio::io_context& ioc_;
    std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    std::vector<entry> entries_;
};

}  // namespace profiledesk::mgmt
