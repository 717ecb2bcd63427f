// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/text_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace profiledesk::core;

TEST_CASE("is_blank: ASCII and Unicode whitespace", "[text_checks]") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\n"));
    CHECK(is_blank("\xC2\xA0"));      // no-break space
    CHECK(is_blank("\xE3\x80\x80"));  // ideographic space
    CHECK(is_blank("\xE2\x80\x8B"));  // zero-width space
    CHECK_FALSE(is_blank(" a "));
    CHECK_FALSE(is_blank("中"));
}

TEST_CASE("find_control_character: the first Cc character not allowed", "[text_checks]") {
    CHECK_FALSE(find_control_character("plain text, Жанна"));
    CHECK(find_control_character("a\x01"
                                 "b") == std::optional<char32_t>(0x01));
    CHECK(find_control_character("a\xC2\x85") == std::optional<char32_t>(0x85));  // NEL, U+0085
    CHECK(find_control_character("a\nb") == std::optional<char32_t>(U'\n'));
    CHECK_FALSE(find_control_character("a\nb\tc", "\n\t"));
    CHECK_FALSE(
        find_control_character("a\xFF"
                               "b"));  // an ill-formed byte is not a control character
}
