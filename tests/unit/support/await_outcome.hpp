// Calls an asynchronous store operation (state/outcome.hpp) and waits for its
// answer, inline (memory stores) or from an I/O thread (Redis-backed ones).
#pragma once

#include "state/outcome.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <utility>

namespace profiledesk::testing {

// `start(done)` begins the operation; the answer it gives `done`, or a test
// failure when none comes within `limit` (far above any deadline tests set).
template <class T, class Start>
state::outcome<T> await_outcome(Start&& start, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    auto promise = std::make_shared<std::promise<state::outcome<T>>>();
    auto answer = promise->get_future();
    std::forward<Start>(start)([promise](state::outcome<T> o) { promise->set_value(std::move(o)); });
    if (answer.wait_for(limit) != std::future_status::ready) FAIL("the store never answered");
    return answer.get();
}

// The value of an operation that must succeed (the store is reachable).
template <class T, class Start>
T await_value(Start&& start) {
    auto o = await_outcome<T>(std::forward<Start>(start));
    REQUIRE(o.available());
    return std::move(*o.value);
}

}  // namespace profiledesk::testing
