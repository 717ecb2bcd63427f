// A few threads of their own for work too heavy for an I/O thread (cutting
// fonts: milliseconds of CPU per request), with a cap on the jobs queued or
// running. At the cap, try_post refuses at once and the caller answers 503:
// a longer queue would only hold more connections and memory, and answer
// later than a client cares to wait, while the I/O threads stay free to
// answer everything else.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>

namespace profiledesk::http {

class worker_pool {
public:
    worker_pool(unsigned threads, unsigned max_jobs);
    // Lets the jobs already accepted finish (at most max_jobs), then joins.
    ~worker_pool();
    worker_pool(const worker_pool&) = delete;
    worker_pool& operator=(const worker_pool&) = delete;

    // Queues `job` unless max_jobs are already queued or running; false (and
    // `job` dropped, never run) when they are. Thread-safe. A job that throws
    // is logged and frees its place; the pool carries on.
    bool try_post(std::function<void()> job);

    // Jobs queued or running now.
    unsigned jobs() const { return jobs_.load(); }

    // One or two threads: half the cores, so the I/O threads keep the rest.
    static unsigned default_threads();

private:
    const unsigned max_jobs_;
    std::atomic<unsigned> jobs_{0};
    boost::asio::thread_pool pool_;
};

}  // namespace profiledesk::http
