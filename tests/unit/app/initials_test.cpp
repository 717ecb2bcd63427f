// The avatar placeholder's initials (initials.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

TEST_CASE("controller: initials") {
    CHECK(initials("Ada Lovelace") == "AL");
    CHECK(initials("grace") == "G");
    CHECK(initials("Zoë Łukasiewicz · Софья · 李小龍") == "Z李");
    CHECK(initials("  ") == "?");
    CHECK(initials("") == "?");
}

// A letter with what attaches to it (issue 15): never a consonant without
// its vowel sign, nor a conjunct cut after its virama, nor a lone mark.
TEST_CASE("controller: initials keep whole letters of complex scripts") {
    CHECK(initials("प्रिया शर्मा") == "प्रिश");  // प + ् + र is one letter; ि attaches to it
    CHECK(initials("क्षमा") == "क्ष");          // the conjunct, whole
    CHECK(initials("สมชาย น้ำใจ") == "สน้ำ");   // น with its tone mark and SARA AM
    CHECK(initials("قمر الزمان") == "قا");    // Arabic letters: one code point each
    CHECK(initials("שלום עליכם") == "שע");
    CHECK(initials("Zoe\xCC\x88 Lu") == "ZL");              // "Zoë" decomposed: the mark belongs to the e
    CHECK(initials("e\xCC\x81mile zola") == "E\xCC\x81Z");  // "émile": the accent stays on its (upper-cased) e
}
