#include "app/controller.hpp"
#include "app/form_mirror.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using profiledesk::core::theme_kind;
using nlohmann::json;

TEST_CASE("theme toggle: switches to the other theme and asks the page to remember it") {
    auto s = fixtures::signed_in();
    REQUIRE(s.theme == theme_kind::light);
    CHECK(theme_toggle_label(s) == "Dark theme");  // what it switches to, from the catalog
    auto out = toggle_theme(s);
    CHECK(s.theme == theme_kind::dark);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::choose_theme);
    CHECK(out[0].body == "dark");
    CHECK(theme_toggle_label(s) == "Light theme");
    out = toggle_theme(s);
    CHECK(s.theme == theme_kind::light);
    CHECK(out[0].body == "light");
    CHECK(state_to_json(s)["theme"] == "light");
}

TEST_CASE("theme toggle: the form mirror offers it as a button and runs it") {
    auto s = fixtures::signed_in();
    const json m = form_mirror(s);
    const json* toggle = nullptr;
    for (const auto& a : m["actions"]) {
        if (a["id"] == "theme") toggle = &a;
    }
    REQUIRE(toggle != nullptr);
    CHECK((*toggle)["item"] == "button:theme");
    CHECK((*toggle)["enabled"] == true);
    CHECK((*toggle)["label"] == theme_toggle_label(s));
    const auto out = on_mirror_action(s, "theme");
    CHECK(s.theme == theme_kind::dark);
    REQUIRE(out.size() == 1);
    CHECK(out[0].body == "dark");
    CHECK(state_to_json(s)["theme"] == "dark");
}
