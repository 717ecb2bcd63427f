// Schema patterns run by RE2 (Debian's libre2-dev): the server's engine. RE2
// matches in time linear in the value, whatever the pattern, so no pattern an
// administrator writes and no value a client sends can hold an I/O thread
// (std::regex backtracks: "(a|a)*b" takes exponential time on a run of a's).
//
// Options chosen so RE2 reads the subset of core's pattern_syntax.hpp exactly
// as std::regex does (tests/unit/schema/pattern_corpus.json):
//   - Latin-1: both match bytes, not code points ('.' is one byte of "é");
//   - whole-value match (RE2::FullMatch, like std::regex_match);
//   - case-sensitive, '.' not matching \n, \d \w \s ASCII only (RE2's defaults);
//   - no log lines: a refused pattern is reported through `error`.
#pragma once

#include "profiledesk/core/pattern_matcher.hpp"

#include <re2/re2.h>

#include <memory>
#include <string>

namespace profiledesk::schema {

class re2_matcher final : public core::pattern_matcher {
public:
    explicit re2_matcher(std::unique_ptr<const RE2> re) : re_(std::move(re)) {}
    bool matches_whole(std::string_view value) const override;

private:
    std::unique_ptr<const RE2> re_;  // RE2 is safe to share between threads once built
};

// A core::pattern_compiler that makes re2_matchers.
std::shared_ptr<const core::pattern_matcher> compile_re2(const std::string& pattern, std::string& error);

}  // namespace profiledesk::schema
