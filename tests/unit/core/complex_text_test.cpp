#include "profiledesk/core/complex_text.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

TEST_CASE("complex text: RTL, joining and reordering scripts go to the browser", "[complex_text]") {
    CHECK(is_complex_text("\xD9\x82\xD9\x85\xD8\xB1"));                          // قمر
    CHECK(is_complex_text("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"));                  // שלום
    CHECK(is_complex_text("\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"));              // क्ष
    CHECK(is_complex_text("\xE0\xB8\xAA\xE0\xB8\xA1\xE0\xB8\x8A\xE0\xB8\xB2"));  // สมชา
    CHECK(is_complex_text("Zoe\xCC\x88"));                                       // e + combining diaeresis
    CHECK(is_complex_text("a\xE2\x80\x8F"));                                     // RLM
    CHECK(is_complex_text("\xF0\x9E\xA4\x80"));                                  // Adlam U+1E900
}

TEST_CASE("complex text: Latin, Greek, Cyrillic, CJK and Hangul syllables stay on the atlas", "[complex_text]") {
    CHECK_FALSE(is_complex_text("Zo\xC3\xAB"));                                // Zoë, precomposed
    CHECK_FALSE(is_complex_text("\xD0\xA1\xD0\xBE\xD1\x84\xD1\x8C\xD1\x8F"));  // Софья
    CHECK_FALSE(is_complex_text("\xCE\x91\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xAC"));  // Αθηνά
    CHECK_FALSE(is_complex_text("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D"));      // 李小龍
    CHECK_FALSE(is_complex_text("\xED\x95\x9C"));                              // 한
    CHECK_FALSE(is_complex_text(""));
    CHECK_FALSE(is_complex_text("\xFF"));
}

TEST_CASE("complex text: block edges", "[complex_text]") {
    CHECK_FALSE(needs_complex_layout(0x02FF));
    CHECK(needs_complex_layout(0x0300));
    CHECK(needs_complex_layout(0x036F));
    CHECK_FALSE(needs_complex_layout(0x0370));
    CHECK(needs_complex_layout(0x0590));
    CHECK(needs_complex_layout(0x08FF));
    CHECK(needs_complex_layout(0x0DFF));
    CHECK(needs_complex_layout(0x0E00));        // Thai
    CHECK_FALSE(needs_complex_layout(0x200B));  // zero width space: plain
    CHECK(needs_complex_layout(0x200C));
    CHECK_FALSE(needs_complex_layout(0xFEFF));  // BOM
    CHECK_FALSE(needs_complex_layout(0x1F600));
}
