// When a field is edited in the browser's text field (app/field_overlay_rules.cpp).
#include "app/field_overlay_rules.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;

namespace {
form_field field(widget kind, bool editable = true) {
    form_field f;
    f.id = "user_metadata.city";
    f.kind = kind;
    f.editable = editable;
    return f;
}
}  // namespace

TEST_CASE("overlay: right-to-left and shaped text in a text field is edited by the browser") {
    CHECK(edits_in_browser(field(widget::single_line), "قمر"));
    CHECK(edits_in_browser(field(widget::single_line), "שלום"));
    CHECK(edits_in_browser(field(widget::multi_line), "Zoë · قمر"));
    CHECK(edits_in_browser(field(widget::single_line), "प्रिया"));
    CHECK_FALSE(edits_in_browser(field(widget::single_line), "Zoë Łukasiewicz · Софья · 李小龍"));
    CHECK_FALSE(edits_in_browser(field(widget::single_line), ""));
    CHECK_FALSE(edits_in_browser(field(widget::single_line, false), "قمر"));  // read-only: nothing to edit
    CHECK_FALSE(edits_in_browser(field(widget::number), "١٢"));               // ImGui's filters keep ASCII
    CHECK_FALSE(edits_in_browser(field(widget::date), "قمر"));
}

TEST_CASE("overlay: it opens when a complex field is focused or a complex character is typed") {
    overlay_frame f;
    f.browser_text = true;
    CHECK(overlay_step_for(f) == overlay_step::none);  // shown, not edited
    f.focus_moved_in = true;
    CHECK(overlay_step_for(f) == overlay_step::open);
    f = {};
    f.browser_text = true;
    f.clicked = true;
    CHECK(overlay_step_for(f) == overlay_step::open);
    f = {};
    f.browser_text = true;
    f.edited_in_imgui = true;
    CHECK(overlay_step_for(f) == overlay_step::open);
    SECTION("not for text the atlas draws") {
        f.browser_text = false;
        f.focus_moved_in = f.clicked = true;
        CHECK(overlay_step_for(f) == overlay_step::none);
    }
    SECTION("not while the form mirror edits it") {
        f.mirror_has_keyboard = true;
        CHECK(overlay_step_for(f) == overlay_step::none);
    }
    SECTION("not over a field scrolled out of view") {
        f.visible = false;
        CHECK(overlay_step_for(f) == overlay_step::none);
    }
}

TEST_CASE("overlay: once open it follows the field, and closes when the field leaves the view") {
    overlay_frame f;
    f.overlay_here = true;
    f.browser_text = true;
    CHECK(overlay_step_for(f) == overlay_step::follow);
    f.browser_text = false;  // cleared to Latin: still the browser's until the person leaves
    CHECK(overlay_step_for(f) == overlay_step::follow);
    f.visible = false;
    CHECK(overlay_step_for(f) == overlay_step::close);
    f.visible = true;
    f.mirror_has_keyboard = true;
    CHECK(overlay_step_for(f) == overlay_step::close);
}

TEST_CASE("overlay: the app's own keys, as in ImGui's fields; the rest is the browser's") {
    const auto tab = overlay_app_key("Tab", false, false, false);
    REQUIRE(tab);
    CHECK(tab->k == key::tab);
    CHECK_FALSE(tab->shift);
    const auto back = overlay_app_key("Tab", true, false, false);
    REQUIRE(back);
    CHECK(back->shift);
    CHECK(overlay_app_key("Enter", false, false, false)->k == key::enter);
    CHECK(overlay_app_key("Escape", false, false, false)->k == key::escape);
    CHECK(overlay_app_key("s", false, true, false)->k == key::save_shortcut);
    CHECK(overlay_app_key("S", false, true, false)->k == key::save_shortcut);  // Caps Lock
    CHECK_FALSE(overlay_app_key("s", false, false, false));                    // the letter
    CHECK_FALSE(overlay_app_key("Enter", false, true, false));                 // Ctrl+Enter: not ours
    for (const char* k : {"ArrowLeft", "ArrowRight", "Home", "End", "Backspace", "Delete", "a", "v", "z", "ق"}) {
        CHECK_FALSE(overlay_app_key(k, false, false, false));
        CHECK_FALSE(overlay_app_key(k, true, true, false));  // Ctrl+V, Ctrl+Shift+Z...
    }
    CHECK(overlay_leaves_on({key::tab}));
    CHECK(overlay_leaves_on({key::enter}));
    CHECK(overlay_leaves_on({key::escape}));
    CHECK_FALSE(overlay_leaves_on({key::save_shortcut}));
}

TEST_CASE("overlay: with the controller, Enter leaves a single-line field, not a multi-line one") {
    auto s = fixtures::signed_in();
    set_focus(s, "user_metadata.display_title");
    CHECK(takes_key(s, *overlay_app_key("Enter", false, false, false)));
    set_focus(s, "user_metadata.bio");
    CHECK_FALSE(takes_key(s, *overlay_app_key("Enter", false, false, false)));  // the browser's line break
}
