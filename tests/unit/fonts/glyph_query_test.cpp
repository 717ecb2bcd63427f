#include "fonts/glyph_query.hpp"

#include <catch2/catch.hpp>

#include <string>

using profiledesk::fonts::max_codepoints_per_query;
using profiledesk::fonts::parse_glyph_query;

TEST_CASE("parse_glyph_query accepts hex code points, any case, and normalises them") {
    const auto q = parse_glyph_query("u=674E,4e2d,41,674e");
    REQUIRE(q.ok());
    CHECK(q.codepoints == std::vector<char32_t>{0x41, 0x4E2D, 0x674E});
}

TEST_CASE("parse_glyph_query reaches the ends of Unicode") {
    const auto q = parse_glyph_query("u=0,10ffff,d7ff,e000");
    REQUIRE(q.ok());
    CHECK(q.codepoints == std::vector<char32_t>{0, 0xD7FF, 0xE000, 0x10FFFF});
}

TEST_CASE("parse_glyph_query refuses what is not a list of characters") {
    for (const char* bad : {"", "v=41", "u=", "u=41,", "u=,41", "u=41,,42", "u=x41", "u=0x41", "u=+41", "u=-1",
                            "u=110000", "u=1000000", "u=d800", "u=DFFF", "u=41&u=42", "u=4%zz", "u=41%2042"}) {
        INFO(bad);
        const auto q = parse_glyph_query(bad);
        CHECK_FALSE(q.ok());
        CHECK(q.error == "bad_codepoints");
        CHECK_FALSE(q.message.empty());
        CHECK(q.codepoints.empty());
    }
}

TEST_CASE("parse_glyph_query bounds the work of one request") {
    std::string at_limit = "u=";
    for (std::size_t i = 0; i < max_codepoints_per_query; ++i) at_limit += (i ? "," : "") + std::to_string(1000 + i);
    const auto ok = parse_glyph_query(at_limit);
    REQUIRE(ok.ok());
    CHECK(ok.codepoints.size() == max_codepoints_per_query);

    const auto over = parse_glyph_query(at_limit + ",41");
    CHECK(over.error == "too_many_codepoints");
    // Repeats count too: the bound is on what the server must read.
    std::string repeats = "u=41";
    for (std::size_t i = 0; i < max_codepoints_per_query; ++i) repeats += ",41";
    CHECK(parse_glyph_query(repeats).error == "too_many_codepoints");
}
