// The answer of a route whose shared state (state/outcome.hpp) could not be
// reached: 503 session_store_unavailable with Retry-After, nothing changed.
#pragma once

#include "http/types.hpp"

namespace profiledesk::api {

inline constexpr unsigned store_retry_after_seconds = 2;

http::response store_unavailable(unsigned version = 11);

}  // namespace profiledesk::api
