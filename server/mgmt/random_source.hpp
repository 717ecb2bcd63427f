// Jitter for backoff and rate-limit waits: a seeded Mersenne Twister behind a
// mutex (jitter needs spread, not secrecy). Thread-safe.
#pragma once

#include <mutex>
#include <random>

namespace profiledesk::mgmt {

class random_source {
public:
    random_source() : engine_(std::random_device{}()) {}
    // Uniform in [0, 1).
    double unit() {
        const std::lock_guard lock(mutex_);
        return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
    }

private:
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

}  // namespace profiledesk::mgmt
