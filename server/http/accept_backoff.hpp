// How the listener survives a flood of failing accepts (EMFILE, ENFILE,
// ENOBUFS...): it waits before the next accept instead of retrying at once
// (the pending connection keeps the socket readable, so an immediate retry
// fails again: a busy loop), and reports the failures in one line per
// interval instead of one line each.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace profiledesk::http {

class accept_backoff {
public:
    // Long enough to free the CPU, short enough that a closing connection's
    // file descriptor is soon put to use again.
    static constexpr std::chrono::milliseconds first_wait{50};
    // Doubling stops here: a new client waits at most this long once
    // descriptors are free again.
    static constexpr std::chrono::milliseconds longest_wait{1000};

    // An accept failed: the wait before the next one (first_wait after a
    // success, then twice the previous wait, up to longest_wait).
    std::chrono::milliseconds failed();
    void succeeded() { wait_ = std::chrono::milliseconds{0}; }

private:
    std::chrono::milliseconds wait_{0};
};

// Counts events and says when to write a log line about them: the first at
// once, then at most one line per interval, carrying the count since the
// line before. Not thread-safe (the listener's strand owns it).
class event_report {
public:
    using clock = std::chrono::steady_clock;
    struct line {
        std::size_t count;              // events since the previous line, this one included
        std::chrono::seconds interval;  // since the previous line; 0 for the first
    };
    explicit event_report(std::chrono::seconds interval) : interval_(interval) {}

    // Counts one event at `now`: a line to write now, or nullopt.
    std::optional<line> note(clock::time_point now);

private:
    std::chrono::seconds interval_;
    std::size_t count_ = 0;
    std::optional<clock::time_point> last_line_;
};

}  // namespace profiledesk::http
