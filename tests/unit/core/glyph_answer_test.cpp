#include "profiledesk/core/glyph_answer.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

// GET /fonts/glyphs's wire format, pinned: the app reads exactly these keys.
TEST_CASE("glyph answer: written as the app reads it, and read back whole", "[glyph_answer]") {
    const glyph_answer a{{glyph_font{"Droid Sans Fallback", {0x674E, 0x6C38}, std::string("\0\1\0\0", 4)}}, {0x1F600}};
    const json pinned = json::parse(R"({"fonts": [{"name": "Droid Sans Fallback", "codepoints": [26446, 27704],
                                                  "ttf": "AAEAAA=="}],
                                       "missing": [128512]})");
    CHECK(glyph_answer_to_json(a) == pinned);
    CHECK(glyph_answer_from_json(pinned) == a);
    CHECK(glyph_answer_from_json(glyph_answer_to_json(a)) == a);
}

TEST_CASE("glyph answer: the reader keeps the usable fonts and drops the rest", "[glyph_answer]") {
    const json body = json::parse(R"({"fonts": [
        "not a font",
        {"name": "no ttf", "codepoints": [65]},
        {"name": "bad base64", "codepoints": [65], "ttf": "AAE"},
        {"name": "nothing drawn", "codepoints": [], "ttf": "AAEAAA=="},
        {"name": "odd code points", "codepoints": [-1, 55296, 1114112, "66", 67], "ttf": "AAEAAA=="}],
      "missing": [68, 57343]})");
    const auto a = glyph_answer_from_json(body);
    REQUIRE(a.fonts.size() == 1);
    CHECK(a.fonts[0].name == "odd code points");
    CHECK(a.fonts[0].codepoints == std::vector<char32_t>{0x43});  // a surrogate and > U+10FFFF are not characters
    CHECK(a.missing == std::vector<char32_t>{0x44});
    CHECK(glyph_answer_from_json(json("<html>")).fonts.empty());
}
