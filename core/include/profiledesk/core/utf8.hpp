// UTF-8: validation, decoding, encoding and counting, for everyone (the
// server's validation, the app's typed text, glyph requests and initials, the
// local tenant's length checks). Built on utf8cpp (Debian's libutfcpp-dev),
// which follows the Unicode standard's Table 3-7: overlong forms, UTF-16
// surrogates (U+D800-U+DFFF) and anything above U+10FFFF are ill-formed.
//
// What a caller does with ill-formed text is its own choice, made by which
// function it calls:
//   - refuse it: is_valid_utf8() first, or decode_utf8(), which gives nullopt
//     (validation: a value that is not UTF-8 is an error, never repaired);
//   - show it: decode_utf8_replacing(), where an ill-formed sequence becomes
//     one U+FFFD together with the continuation bytes after it (utf8cpp's
//     replace_invalid; a browser's TextDecoder writes one U+FFFD per maximal
//     subpart instead, so "ED A0 80" is one U+FFFD here and three there).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

inline constexpr char32_t replacement_character = 0xFFFD;

// A Unicode scalar value: at most U+10FFFF and not a surrogate.
bool is_scalar_value(char32_t cp);

// Well-formed UTF-8: no stray continuation bytes, no truncated sequences, no
// overlong forms, no UTF-16 surrogates (U+D800-U+DFFF), nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// The number of code points in valid UTF-8 (the number of non-continuation
// bytes; on invalid input, still a count, but a meaningless one).
std::size_t count_code_points(std::string_view s);

// The code points of `s`, or nullopt when it is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view s);

// The code points of `s`, each ill-formed sequence replaced by one U+FFFD
// (a truncated sequence at the end included).
std::u32string decode_utf8_replacing(std::string_view s);

// `cp` as UTF-8, appended to `out`; a value that is not a scalar value
// (is_scalar_value) is appended as U+FFFD.
void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(std::u32string_view code_points);

}  // namespace profiledesk::core
