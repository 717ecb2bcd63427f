// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace profiledesk::core;

TEST_CASE("utf-8: well-formed text is accepted", "[utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("Жанна"));             // Cyrillic, 2 bytes each
    CHECK(is_valid_utf8("中文"));              // CJK, 3 bytes each
    CHECK(is_valid_utf8("😀"));                 // U+1F600, 4 bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
    CHECK(is_valid_utf8("\xEF\xBF\xBD"));      // U+FFFD
}

TEST_CASE("utf-8: ill-formed text is refused", "[utf8]") {
    CHECK_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
    CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
    CHECK_FALSE(is_valid_utf8("a\xE4\xB8"));         // truncated 3-byte sequence
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, 3 bytes
    CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong, 4 bytes
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(is_valid_utf8("\xFF"));
    CHECK_FALSE(is_valid_utf8("\xC3\x28"));  // bad continuation
    CHECK_FALSE(is_valid_utf8(std::string_view("a\0\xFF", 3)));
}

TEST_CASE("count_code_points: counts characters, not bytes", "[utf8]") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("Жанна") == 5);      // 10 bytes
    CHECK(count_code_points("中文字") == 3);     // 9 bytes
    CHECK(count_code_points("😀😀") == 2);         // 8 bytes
    CHECK(count_code_points("e\xCC\x81") == 2);  // e + combining acute: two code points
}

TEST_CASE("count_code_points: what the local tenant's length limits count", "[utf8]") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("Łukasz") == 6);
    CHECK(count_code_points("李小龍") == 3);
}

TEST_CASE("decode_utf8: code points of valid text, nothing of invalid text", "[utf8]") {
    CHECK(decode_utf8("") == std::u32string());
    CHECK(decode_utf8("Z\xE6\x9D\x8E") == std::u32string{'Z', 0x674E});
    CHECK(decode_utf8("\xF0\xA0\xAE\xB7") == std::u32string{0x20BB7});  // past U+FFFF
    CHECK(decode_utf8("\xF4\x8F\xBF\xBF") == std::u32string{0x10FFFF});
    CHECK(decode_utf8("\xEF\xBF\xBD") == std::u32string{0xFFFD});
    for (const char* bad :
         {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF",
          "\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "a\xE6\x9D", "\xC3", "\x80",
          "a\xBF"
          "b",
          "\xFF", "\xC3\x28"}) {
        CAPTURE(std::string(bad));
        CHECK_FALSE(decode_utf8(bad));
    }
}

TEST_CASE("decode_utf8_replacing: each ill-formed sequence is one U+FFFD", "[utf8]") {
    const char32_t r = replacement_character;
    CHECK(decode_utf8_replacing("Z\xE6\x9D\x8E") == std::u32string{'Z', 0x674E});
    CHECK(decode_utf8_replacing("\xF0\xA0\xAE\xB7") == std::u32string{0x20BB7});
    CHECK(decode_utf8_replacing("a\xFF"
                                "b") == std::u32string{'a', r, 'b'});
    CHECK(decode_utf8_replacing("a\x80"
                                "b") == std::u32string{'a', r, 'b'});     // stray continuation byte
    CHECK(decode_utf8_replacing("a\xE6\x9D") == std::u32string{'a', r});  // cut short
    CHECK(decode_utf8_replacing("\xE6\x9D"
                                "a") == std::u32string{r, 'a'});  // cut short, then more
    SECTION("overlong forms are not the character they spell") {
        CHECK(decode_utf8_replacing("\xC0\xAF") == std::u32string{r});          // '/' in 2 bytes
        CHECK(decode_utf8_replacing("\xE0\x80\xAF") == std::u32string{r});      // '/' in 3 bytes
        CHECK(decode_utf8_replacing("\xF0\x80\x80\xAF") == std::u32string{r});  // '/' in 4 bytes
        CHECK(decode_utf8_replacing("a\xC1\x81"
                                    "b") == std::u32string{'a', r, 'b'});  // 'A' in 2 bytes
    }
    SECTION("surrogates and values past U+10FFFF are not characters") {
        CHECK(decode_utf8_replacing("\xED\xA0\x80") == std::u32string{r});                 // U+D800
        CHECK(decode_utf8_replacing("\xED\xBF\xBF") == std::u32string{r});                 // U+DFFF
        CHECK(decode_utf8_replacing("\xED\xA0\xBD\xED\xB8\x80") == std::u32string{r, r});  // a pair, CESU-8 style
        CHECK(decode_utf8_replacing("\xF4\x90\x80\x80") == std::u32string{r});             // U+110000
    }
    SECTION("the text around a bad sequence is kept whole") {
        CHECK(decode_utf8_replacing("\xE4\xB8\xAD\xC3\xE4\xB8\xAD") == std::u32string{0x4E2D, r, 0x4E2D});
    }
}

TEST_CASE("encode_utf8: 1 to 4 bytes; what is not a character becomes U+FFFD", "[utf8]") {
    CHECK(encode_utf8(U"A") == "A");
    CHECK(encode_utf8(U"\u00E9") == "\xC3\xA9");
    CHECK(encode_utf8(U"\u674E") == "\xE6\x9D\x8E");
    CHECK(encode_utf8(U"\U0001F600") == "\xF0\x9F\x98\x80");
    CHECK(encode_utf8(std::u32string{0xD800}) == "\xEF\xBF\xBD");
    CHECK(encode_utf8(std::u32string{0x110000}) == "\xEF\xBF\xBD");
    const std::string text = "Zoë Жуковская 李 😀";
    CHECK(encode_utf8(*decode_utf8(text)) == text);
    CHECK(is_scalar_value(0x10FFFF));
    CHECK_FALSE(is_scalar_value(0xDC00));
    CHECK_FALSE(is_scalar_value(0x110000));
}
