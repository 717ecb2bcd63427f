// What every operation on shared state (sessions, sign-out marks, budgets,
// write locks, version snapshots...) answers besides its value: whether the
// store could be asked at all. The memory stores always can; a Redis-backed
// one cannot while Redis is down or slow past the operation's deadline. A
// route that gets `unavailable` answers 503 session_store_unavailable with
// Retry-After (api/store_unavailable.hpp) and changes nothing: it never
// falls back to memory, which would sign people out when Redis returns.
#pragma once

#include <functional>
#include <optional>
#include <utility>

namespace profiledesk::state {

template <class T>
struct outcome {
    std::optional<T> value;  // nullopt: the store could not be reached in time
    bool available() const { return value.has_value(); }
    static outcome unavailable() { return {}; }
    static outcome of(T v) { return {std::optional<T>(std::move(v))}; }
};

// For operations with no value of their own (erase, mark, release).
struct done {};

template <class T>
using callback = std::function<void(outcome<T>)>;

}  // namespace profiledesk::state
