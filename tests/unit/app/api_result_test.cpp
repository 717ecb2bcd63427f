#include "net/api_result.hpp"
#include "app/i18n.hpp"
#include "profiledesk/core/api_errors.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string_view>

using namespace profiledesk::app::net;

TEST_CASE("api result: statuses become typed outcomes") {
    CHECK(classify(200, "{}").kind == outcome::ok);
    CHECK(classify(401, R"({"error":"unauthenticated","message":"Please sign in."})").kind == outcome::unauthenticated);
    CHECK(classify(401, "").kind == outcome::unauthenticated);
    CHECK(classify(401, R"({"error":"account_blocked"})").kind == outcome::account_blocked);
    CHECK(classify(401, R"({"error":"account_deleted"})").kind == outcome::account_deleted);
    CHECK(classify(409, R"({"error":"conflict"})").kind == outcome::conflict);
    CHECK(classify(400, R"({"error":"validation_failed","fields":{}})").kind == outcome::validation);
    CHECK(classify(400, R"({"error":"field_not_allowed","fields":[]})").kind == outcome::validation);
    CHECK(classify(400, R"({"error":"bad_request"})").kind == outcome::refused);
    CHECK(classify(403, R"({"error":"csrf_failed"})").kind == outcome::refused);
    CHECK(classify(429, "").kind == outcome::rate_limited);
    CHECK(classify(503, R"({"error":"upstream_rate_limited"})").kind == outcome::rate_limited);
    CHECK(classify(503, R"({"error":"upstream_unavailable"})").kind == outcome::upstream);
    CHECK(classify(504, "").kind == outcome::upstream);
    CHECK(classify(0, "", "").kind == outcome::network);
}

TEST_CASE("api result: the error body's code is kept; the person reads the catalog's text for it") {
    const auto r = classify(502, R"({"error":"upstream_rejected","message":"Refused."})");
    CHECK(r.error == "upstream_rejected");
    CHECK(r.message == "The identity provider refused the change.");
}

TEST_CASE("api result: a body that is not JSON still gets a message for a person") {
    const auto r = classify(500, "<html>oops</html>");
    CHECK(r.body.is_null());
    CHECK(r.message == "The server failed (500). Please try again.");
}

TEST_CASE("api result: Retry-After in seconds; anything else is ignored") {
    CHECK(classify(503, "{}", "7").retry_after_s == 7);
    CHECK(classify(503, "{}", "Wed, 21 Oct 2015 07:28:00 GMT").retry_after_s == 0);
    CHECK(classify(503, "{}", "-3").retry_after_s == 0);
}

TEST_CASE("api result: a network failure says so, in the person's words rather than the browser's") {
    CHECK(classify(0, "", "").message == "Cannot reach the server. Check your connection.");
}

// How the app reads each code the server sends (core's table, with the status
// it comes with): one line per code, each decided on purpose. A code added to
// the table fails here until someone decides what the app does with it.
TEST_CASE("api result: the app reads every error code of the server on purpose") {
    namespace api_error = profiledesk::core::api_error;
    const std::map<std::string_view, outcome> reading = {
        {api_error::bad_request, outcome::refused},
        {api_error::headers_too_large, outcome::refused},
        {api_error::body_too_large, outcome::refused},
        {api_error::not_found, outcome::refused},
        {api_error::method_not_allowed, outcome::refused},
        {api_error::timeout, outcome::upstream},  // the server failed: "try again"
        {api_error::internal_error, outcome::upstream},

        {api_error::unauthenticated, outcome::unauthenticated},  // sign in again, the draft kept
        {api_error::csrf_failed, outcome::refused},
        {api_error::unsupported_media_type, outcome::refused},
        {api_error::account_blocked, outcome::account_blocked},  // said on the welcome panel, draft dropped
        {api_error::account_deleted, outcome::account_deleted},

        {api_error::invalid_utf8, outcome::refused},
        {api_error::invalid_json, outcome::refused},
        {api_error::field_not_allowed, outcome::validation},  // per-field messages
        {api_error::validation_failed, outcome::validation},
        {api_error::field_read_only, outcome::refused},
        {api_error::conflict, outcome::conflict},             // the conflict review
        {api_error::too_many_writes, outcome::rate_limited},  // try again after Retry-After

        {api_error::user_not_found, outcome::refused},
        {api_error::upstream_rate_limited, outcome::rate_limited},
        {api_error::upstream_unavailable, outcome::upstream},
        {api_error::upstream_timeout, outcome::upstream},
        {api_error::upstream_rejected, outcome::upstream},
        {api_error::upstream_auth_failed, outcome::upstream},
        {api_error::upstream_bad_response, outcome::upstream},

        // The avatar: any failure shows the initials.
        {api_error::picture_not_current, outcome::refused},
        {api_error::picture_not_https, outcome::upstream},
        {api_error::picture_unavailable, outcome::upstream},
        {api_error::picture_too_large, outcome::upstream},
        {api_error::picture_not_an_image, outcome::upstream},
        {api_error::too_many_requests, outcome::rate_limited},

        {api_error::bad_codepoints, outcome::refused},
        {api_error::too_many_codepoints, outcome::refused},
        {api_error::glyphs_busy, outcome::upstream},  // app/glyphs.cpp asks again after Retry-After

        {api_error::session_store_unavailable, outcome::upstream},  // the server's Redis: "try again"

        {api_error::reauthentication_required, outcome::reauthenticate},  // to the provider, input kept
        {api_error::account_change_not_allowed, outcome::refused},
        {api_error::invalid_email, outcome::refused},
        {api_error::password_too_weak, outcome::refused},  // the rules unmet, shown by the field
        {api_error::mail_unavailable, outcome::upstream},
        {api_error::too_many_emails, outcome::rate_limited},
        {api_error::account_deletion_disabled, outcome::refused},
        {api_error::confirmation_mismatch, outcome::refused},
        {api_error::session_not_found, outcome::refused},
        {api_error::too_many_exports, outcome::rate_limited},
    };
    for (const auto& c : api_error::all_codes) {
        INFO(c.code << " (" << c.status << ")");
        const auto it = reading.find(c.code);
        REQUIRE(it != reading.end());  // a new code: decide how the app reads it, and add its line above
        const auto r = classify(c.status, nlohmann::json{{"error", c.code}, {"message", "For a person."}}.dump());
        CHECK(to_string(r.kind) == to_string(it->second));
        CHECK(r.error == c.code);
        CHECK(r.message == profiledesk::app::tr("error." + std::string(c.code)));
    }
    // And no line for a code the server no longer sends.
    CHECK(reading.size() == api_error::all_codes.size());
}
