// The regular expression syntax a schema `pattern` may use.
//
// A pattern runs in two engines: RE2 on the server (linear time, whatever the
// input: server/schema/re2_pattern.hpp) and std::regex's ECMAScript grammar in
// the app (libc++ under Emscripten; libstdc++ in native tests:
// std_regex_pattern.hpp). Both must say the same of every value, so a schema
// may only use a small subset on which they agree; everything else is refused
// when the schema is loaded, with a message naming the construct.
// tests/unit/schema/pattern_corpus.json holds (pattern, value, match?) cases
// that every engine must agree on, and is run through RE2, libstdc++ and, under
// Node, Emscripten's libc++.
//
// Accepted:
//   - literal characters (printable ASCII, space, and non-ASCII text outside
//     character classes);
//   - a backslash before punctuation: \\ \^ \$ \. \| \? \* \+ \( \) \[ \] \{ \} \/ \-
//   - \n and \t (the only control characters a value may hold);
//   - . (any byte but \n; std::regex also refuses \r, which never reaches
//     a pattern: see \s below);
//   - \d \w \s and \D \W \S: [0-9], [A-Za-z0-9_] and [ \t\n] (and their
//     complements). ASCII only in both engines; \s also holds \r \v \f in
//     std::regex and \r \f in RE2, but validation refuses those characters
//     before a pattern runs (validation.hpp), so both see the same;
//   - character classes [abc], [a-z], [^...], holding printable ASCII,
//     ranges between two plain characters in order, \d \w \s, \n \t and the
//     escaped punctuation above; '-' literal only first or last, or as \-;
//   - groups (...) and (?:...), alternation a|b;
//   - quantifiers ? * + {n} {n,} {n,m} with counts up to max_repeat_count,
//     optionally lazy (*? etc.: it changes nothing, since only whether the
//     whole value matches counts);
//   - ^ as the very first and $ as the very last character (they change
//     nothing either: a pattern always matches the whole value).
// Refused: back-references (\1, \k<n>), lookahead and lookbehind, named
// groups, flags ((?i)), \b and \B, any other escape (\x41, \u00e9, \p{L}...),
// POSIX classes ([[:alpha:]]), '^' or '$' elsewhere, an unescaped ']' or '}'
// or a '{' that is not a count, an empty alternative or group, a quantifier
// after another or with nothing before it.
//
// Patterns match bytes (UTF-8 code units), not characters, in both engines:
// '.' is one byte of "é", which is two. Hence non-ASCII characters are not
// allowed in a class (they would be two entries), nor right before a
// quantifier (it would repeat the last byte only: write (?:é)+).
//
// And what makes the app's backtracking engine take exponential time is
// refused (the server's RE2 never does): repeating (more than once) a group
// that holds an alternative or a quantifier other than a fixed count, as in
// (a|a)*, (a|aa)*, (a+)+ or (a?b){2,}. Such a group can match one text in
// many ways, and a backtracking engine tries them all before it gives up.
// Write [ab]* for (a|b)*. Patterns accepted here can still take polynomial
// time in the app on long values (like .*a.*b.*c); libc++ then stops at
// 4096 steps per input character and the value counts as not matching (the
// server accepts it if it does), so keep patterns simple.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

// The longest pattern, in bytes: far more than any format check needs, and it
// bounds what either engine spends compiling one (and the nesting of groups).
inline constexpr std::size_t max_pattern_length = 1000;

// The largest count in {n}, {n,} or {n,m}: RE2's own limit, and more than the
// longest value (max_length_limit) needs after a few such repetitions.
inline constexpr unsigned max_repeat_count = 1000;

// Why `pattern` is refused ("uses a lookahead (?=...), which is not
// supported"), as a phrase that follows "'pattern' ", or nullopt when it is in
// the subset above.
std::optional<std::string> pattern_problem(std::string_view pattern);

}  // namespace profiledesk::core
