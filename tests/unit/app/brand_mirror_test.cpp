// The brand in the accessibility mirror (issue 16): the welcome heading is
// BRAND_NAME, and SUPPORT_URL is a "Get help" link on every screen that can
// show a reason or an error, absent without it.
#include "app/form_mirror.hpp"
#include "app/i18n.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;

TEST_CASE("brand in the mirror: the welcome heading is the brand's name") {
    app_state s;
    s.current = phase::signed_out;
    CHECK(form_mirror(s)["heading"] == "Profile Desk");
    s.brand_name = "Acme Account";
    CHECK(form_mirror(s)["heading"] == "Acme Account");
}

TEST_CASE("brand in the mirror: SUPPORT_URL's link on the welcome, error and editor screens") {
    auto editor = fixtures::signed_in();
    app_state welcome;
    welcome.current = phase::signed_out;
    app_state failed;
    failed.current = phase::error;
    for (auto* s : {&editor, &welcome, &failed}) {
        INFO(form_mirror(*s)["screen"]);
        CHECK(form_mirror(*s)["help"].is_null());
        s->support_url = "https://help.example.com/profile";
        const auto help = form_mirror(*s)["help"];
        CHECK(help["url"] == "https://help.example.com/profile");
        CHECK(help["text"] == tr("support.get_help"));
    }
}
