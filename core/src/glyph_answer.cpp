#include "profiledesk/core/glyph_answer.hpp"

#include "profiledesk/core/base64.hpp"
#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/utf8.hpp"

#include <cstdint>

namespace profiledesk::core {

namespace {

using nlohmann::json;

constexpr const char* fonts_key = "fonts";
constexpr const char* missing_key = "missing";
constexpr const char* font_name_key = "name";
constexpr const char* codepoints_key = "codepoints";
constexpr const char* ttf_key = "ttf";

json numbers(const std::vector<char32_t>& codepoints) {
    return std::vector<std::uint32_t>(codepoints.begin(), codepoints.end());
}

// The scalar values in `j` (an array), in order; anything else is skipped.
std::vector<char32_t> scalar_values(const json& j) {
    std::vector<char32_t> out;
    if (!j.is_array()) return out;
    for (const auto& c : j) {
        if (!c.is_number_unsigned()) continue;
        const auto n = c.get<std::uint64_t>();
        if (n <= 0x10FFFF && is_scalar_value(static_cast<char32_t>(n))) out.push_back(static_cast<char32_t>(n));
    }
    return out;
}

}  // namespace

json glyph_answer_to_json(const glyph_answer& a) {
    json fonts = json::array();
    for (const auto& f : a.fonts) {
        fonts.push_back(
            {{font_name_key, f.name}, {codepoints_key, numbers(f.codepoints)}, {ttf_key, base64_encode(f.ttf)}});
    }
    return {{fonts_key, std::move(fonts)}, {missing_key, numbers(a.missing)}};
}

glyph_answer glyph_answer_from_json(const json& j) {
    glyph_answer a;
    if (!j.is_object()) return a;
    if (const auto fonts = j.find(fonts_key); fonts != j.end() && fonts->is_array()) {
        for (const auto& f : *fonts) {
            if (!f.is_object()) continue;
            const auto ttf = f.find(ttf_key);
            if (ttf == f.end() || !ttf->is_string()) continue;
            glyph_font font;
            font.codepoints = scalar_values(f.value(codepoints_key, json()));
            auto bytes = base64_decode(ttf->get_ref<const std::string&>());
            if (font.codepoints.empty() || !bytes || bytes->empty()) continue;
            font.ttf = std::move(*bytes);
            font.name = string_member(f, font_name_key);
            a.fonts.push_back(std::move(font));
        }
    }
    if (const auto missing = j.find(missing_key); missing != j.end()) a.missing = scalar_values(*missing);
    return a;
}

}  // namespace profiledesk::core
