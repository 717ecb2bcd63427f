#include "api/per_key_task_queue.hpp"

namespace profiledesk::api {

void per_key_task_queue::run(const std::string& key, task t) {
    bool idle = false;
    {
        const std::lock_guard lock(mutex_);
        auto& q = queues_[key];
        idle = q.empty();
        q.push_back(std::move(t));
    }
    if (idle) start_next(key);
}

void per_key_task_queue::start_next(const std::string& key) {
    task current;
    {
        const std::lock_guard lock(mutex_);
        current = queues_[key].front();
    }
    current([self = shared_from_this(), key] {
        bool more = false;
        {
            const std::lock_guard lock(self->mutex_);
            auto it = self->queues_.find(key);
            it->second.pop_front();
            more = !it->second.empty();
            if (!more) self->queues_.erase(it);
        }
        if (more) self->start_next(key);
    });
}

std::size_t per_key_task_queue::busy_keys() {
    const std::lock_guard lock(mutex_);
    return queues_.size();
}

}  // namespace profiledesk::api
