// Runs asynchronous tasks one at a time per key (per user), in arrival order.
// Two saves of one user can then never both pass the conflict check.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace profiledesk::api {

class per_key_task_queue : public std::enable_shared_from_this<per_key_task_queue> {
public:
    // A task gets `done`, which it must call exactly once when it has finished
    // (from any thread); the next task for the key starts then.
    using task = std::function<void(std::function<void()> done)>;

    void run(const std::string& key, task t);

    // Keys with a task running or waiting (for tests and metrics).
    std::size_t busy_keys();

private:
    void start_next(const std::string& key);

    std::mutex mutex_;
    std::map<std::string, std::deque<task>> queues_;  // front() is the running task
};

}  // namespace profiledesk::api
