#include "profiledesk/core/utf8.hpp"

#include <utf8.h>

#include <algorithm>
#include <iterator>

namespace profiledesk::core {
namespace {

// Only utf8cpp's functions that report by return value: the checked
// utf8::next and utf8::append throw, and the app does not rely on exceptions.
// Each decode below runs on text already checked (or repaired) as a whole.
std::u32string decode_valid(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    utf8::unchecked::utf8to32(s.begin(), s.end(), std::back_inserter(out));
    return out;
}

}  // namespace

bool is_scalar_value(char32_t cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

bool is_valid_utf8(std::string_view s) { return utf8::is_valid(s.begin(), s.end()); }

std::size_t count_code_points(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<std::u32string> decode_utf8(std::string_view s) {
    if (!is_valid_utf8(s)) return std::nullopt;
    return decode_valid(s);
}

std::u32string decode_utf8_replacing(std::string_view s) {
    if (is_valid_utf8(s)) return decode_valid(s);
    std::string repaired;
    repaired.reserve(s.size() + 8);
    utf8::replace_invalid(s.begin(), s.end(), std::back_inserter(repaired), replacement_character);
    return decode_valid(repaired);
}

void append_utf8(std::string& out, char32_t cp) {
    utf8::unchecked::append(is_scalar_value(cp) ? cp : replacement_character, std::back_inserter(out));
}

std::string encode_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size());
    for (const char32_t cp : code_points) append_utf8(out, cp);
    return out;
}

}  // namespace profiledesk::core
