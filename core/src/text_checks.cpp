#include "profiledesk/core/text_checks.hpp"

#include "profiledesk/core/utf8.hpp"

#include <algorithm>

namespace profiledesk::core {
namespace {

bool is_space(char32_t c) {
    switch (c) {
        case U' ':
        case U'\t':
        case U'\n':
        case U'\v':
        case U'\f':
        case U'\r':
        case 0x85:
        case 0xA0:
        case 0x1680:
        case 0x2028:
        case 0x2029:
        case 0x202F:
        case 0x205F:
        case 0x3000:
        case 0xFEFF: return true;
        default: return c >= 0x2000 && c <= 0x200B;
    }
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

}  // namespace

bool is_blank(std::string_view s) {
    const auto code_points = decode_utf8(s);
    return code_points && std::all_of(code_points->begin(), code_points->end(), is_space);
}

bool contains_space(std::string_view s) {
    const auto code_points = decode_utf8(s);
    return !code_points || std::any_of(code_points->begin(), code_points->end(), is_space);
}

std::optional<char32_t> find_control_character(std::string_view s, std::string_view allowed) {
    // Ill-formed sequences become U+FFFD, which is not a control character.
    for (const char32_t c : decode_utf8_replacing(s)) {
        if (is_control(c) && !(c < 0x80 && allowed.find(static_cast<char>(c)) != std::string_view::npos)) return c;
    }
    return std::nullopt;
}

}  // namespace profiledesk::core
