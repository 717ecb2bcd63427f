// Character classes of text that validation and the schema parser check:
// blank, spaces, control characters. All take UTF-8 (utf8.hpp).
#pragma once

#include <optional>
#include <string_view>

namespace profiledesk::core {

// Empty, or only whitespace: ASCII space, \t, \n, \v, \f, \r, and the Unicode
// spaces (U+0085, U+00A0, U+1680, U+2000-U+200B, U+2028, U+2029, U+202F,
// U+205F, U+3000, U+FEFF). Expects valid UTF-8 (invalid text is not blank).
bool is_blank(std::string_view s);

// Any of the whitespace is_blank knows, anywhere. Expects valid UTF-8
// (invalid text counts as containing a space: refused, never passed).
bool contains_space(std::string_view s);

// The first control character (Unicode category Cc: U+0000-U+001F,
// U+007F-U+009F) other than those `allowed` (ASCII only), or nullopt.
// Expects valid UTF-8 (an ill-formed sequence is not a control character).
std::optional<char32_t> find_control_character(std::string_view s, std::string_view allowed = {});

}  // namespace profiledesk::core
