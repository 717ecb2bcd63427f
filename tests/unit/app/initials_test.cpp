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
