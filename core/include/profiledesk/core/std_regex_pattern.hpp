// Schema patterns run by std::regex (ECMAScript grammar): the app's engine.
// In the browser that is Emscripten's libc++, natively (the app's unit tests)
// libstdc++. Backtracking: only for input a person types into their own
// browser; the server runs patterns with RE2 (server/schema/re2_pattern.hpp).
// A separate library (core_std_regex) from core, so the server does not link it.
#pragma once

#include "profiledesk/core/pattern_matcher.hpp"

namespace profiledesk::core {

// A pattern_compiler. A match that exceeds the engine's step budget (libc++
// gives up on some patterns and long values, pattern_syntax.hpp) counts as no
// match.
std::shared_ptr<const pattern_matcher> compile_std_regex(const std::string& pattern, std::string& error);

}  // namespace profiledesk::core
