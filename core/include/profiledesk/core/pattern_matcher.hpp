// How a schema `pattern` runs: compiled once when the schema is loaded, then
// asked, for each value, whether the WHOLE value matches (std::regex_match,
// RE2::FullMatch; never a search for a part).
//
// core/ names no engine, since it builds for the server and the Wasm app
// alike and each side brings its own: the server RE2, which runs in time
// linear in the value whatever the pattern (server/schema/re2_pattern.hpp);
// the app std::regex (std_regex_pattern.hpp), which the browser's copy of
// the app can afford: it runs on the person's own input, and
// pattern_syntax.hpp keeps patterns to what both engines read alike and what
// a backtracking engine runs sanely.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace profiledesk::core {

class pattern_matcher {
public:
    virtual ~pattern_matcher() = default;
    // Whether all of `value` matches the pattern. Safe to call from several
    // threads at once.
    virtual bool matches_whole(std::string_view value) const = 0;
};

// Compiles a pattern that pattern_problem() accepted. On failure returns null
// with a reason for an administrator in `error` (e.g. an engine's size limit).
using pattern_compiler = std::shared_ptr<const pattern_matcher> (*)(const std::string& pattern, std::string& error);

}  // namespace profiledesk::core
