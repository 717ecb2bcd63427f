// The glyph answer: what GET /fonts/glyphs answers, the third contract between
// the server (server/api/glyph_routes.cpp writes it from the fonts it cut)
// and the app (wasm/app/glyphs.cpp reads it and hands the fonts to ImGui):
//
//   {"fonts": [{"name": "Droid Sans Fallback", "codepoints": [26446, ...],
//               "ttf": "<the subset font, base64>"}, ...],
//    "missing": [<code points no shipped font has>]}
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace profiledesk::core {

// One cut-down font.
struct glyph_font {
    std::string name;                  // shown to people, e.g. "Droid Sans Fallback"
    std::vector<char32_t> codepoints;  // exactly the ones this subset draws
    std::string ttf;                   // the subset font's bytes

    bool operator==(const glyph_font& o) const { return name == o.name && codepoints == o.codepoints && ttf == o.ttf; }
};

struct glyph_answer {
    std::vector<glyph_font> fonts;  // in fallback order, only fonts with something to give
    std::vector<char32_t> missing;  // no font of the list has these

    bool operator==(const glyph_answer& o) const { return fonts == o.fonts && missing == o.missing; }
};

nlohmann::json glyph_answer_to_json(const glyph_answer& a);

// Keeps what is usable and drops the rest, since a font the app cannot read
// only means a few characters drawn as U+FFFD: a `fonts` entry without
// code points or with a `ttf` that is not strict base64 is left out, and so
// is any code point that is not a Unicode scalar value. Anything but an
// object reads as an empty answer.
glyph_answer glyph_answer_from_json(const nlohmann::json& j);

}  // namespace profiledesk::core
