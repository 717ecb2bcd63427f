#include "http/worker_pool.hpp"

#include "log/log.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <exception>
#include <thread>

namespace profiledesk::http {

worker_pool::worker_pool(unsigned threads, unsigned max_jobs) : max_jobs_(max_jobs), pool_(std::max(1u, threads)) {}

worker_pool::~worker_pool() { pool_.join(); }

bool worker_pool::try_post(std::function<void()> job) {
    unsigned n = jobs_.load();
    do {
        if (n >= max_jobs_) return false;
    } while (!jobs_.compare_exchange_weak(n, n + 1));
    boost::asio::post(pool_, [this, job = std::move(job)] {
        try {
            job();
        } catch (const std::exception& e) {
            // An exception must not leave the pool's thread (that would end the process).
            log::error("worker: job failed", {{"error", log::text(e.what())}});
        } catch (...) {
            log::error("worker: job failed");
        }
        --jobs_;
    });
    return true;
}

unsigned worker_pool::default_threads() { return std::clamp(std::thread::hardware_concurrency() / 2, 1u, 2u); }

}  // namespace profiledesk::http
