#include "profiledesk/core/languages.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

TEST_CASE("languages: the saved preference wins when we ship it", "[languages]") {
    CHECK(choose_language("fr", {"de-DE", "en"}) == "fr");
    CHECK(choose_language("AR", {"en"}) == "ar");
    CHECK(choose_language("pt-BR", {"fr-CA"}) == "fr");  // Portuguese is not shipped: the browser's next
    CHECK(choose_language(std::nullopt, {"es-MX", "en"}) == "es");
    CHECK(choose_language(std::nullopt, {"zh-TW", "ko"}) == "en");
    CHECK(choose_language("", {}) == "en");
}

TEST_CASE("languages: the pseudo-locale is chosen like a language but has no entry", "[languages]") {
    CHECK(choose_language(std::nullopt, {"en-xa"}) == "en-XA");
    CHECK(find_language("en-XA") == nullptr);
    REQUIRE(find_language("en-GB") != nullptr);
    CHECK(find_language("en-GB")->tag == "en");
}

TEST_CASE("languages: only Arabic reads right to left", "[languages]") {
    CHECK(is_rtl_language("ar"));
    CHECK(is_rtl_language("ar-EG"));
    CHECK_FALSE(is_rtl_language("ja"));
    CHECK_FALSE(is_rtl_language("en-XA"));
    CHECK_FALSE(is_rtl_language("he"));  // not shipped: shown in English, left to right
}
