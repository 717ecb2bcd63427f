// The controller: failures and Retry (controller_retry.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;
using fixtures::body_of;

TEST_CASE("controller: a network or upstream failure keeps the edits and Retry saves again") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    SECTION("upstream 502") {
        on_save_result(s, fixtures::answer(
                              502, {{"error", "upstream_unavailable"}, {"message", "The identity provider failed."}}));
        CHECK(s.error_message == "The identity provider is unavailable. Please try again in a moment.");
    }
    SECTION("network") {
        on_save_result(s, net::classify(0, "", ""));
        CHECK(s.error_message.find("Cannot reach the server") == 0);
    }
    SECTION("rate limited, once the server's wait is over") {
        s.now_s = 100;
        on_save_result(s, fixtures::answer(503, {{"error", "upstream_rate_limited"}, {"message", "Busy."}}, "3"));
        CHECK(s.error_message == "The identity provider is busy. Please try again in a moment.");
        s.now_s = 103;
    }
    CHECK(s.current == phase::error);
    CHECK(retry_wait_s(s) == 0);
    CHECK(retry_label(s) == "Retry");
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    const auto out = retry(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(body_of(out[0])["changes"] == json{{"user_metadata", {{"city", "Paris"}}}});
    CHECK(s.current == phase::saving);
}

TEST_CASE("controller: Retry waits as long as the server's Retry-After asks, counting down") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    s.now_s = 50.25;
    on_save_result(s, fixtures::answer(503, {{"error", "upstream_unavailable"}, {"message", "Unavailable."}}, "10"));
    REQUIRE(s.current == phase::error);
    CHECK(retry_wait_s(s) == 10);
    CHECK(retry_label(s) == "Retry in 10 s");
    s.now_s = 55.0;
    CHECK(retry_wait_s(s) == 6);  // 5.25 s left: the label never says 0 before it may be pressed
    CHECK(retry_label(s) == "Retry in 6 s");
    CHECK(retry(s).empty());  // pressed too early (keyboard, screen reader): nothing happens
    CHECK(s.current == phase::error);
    CHECK(s.retry == retry_action::save);
    s.now_s = 60.25;
    CHECK(retry_label(s) == "Retry");
    const auto out = retry(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    SECTION("a wait of an hour is cut to two minutes: then Retry asks again") {
        on_save_result(s, fixtures::answer(503, {{"error", "upstream_rate_limited"}, {"message", "Busy."}}, "3600"));
        CHECK(retry_wait_s(s) == 120);
    }
}
