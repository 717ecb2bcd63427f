// The pure part of an email change: the address as stored, the sealed link,
// and which followed links may be applied (server/api/email_change.hpp).
#include "api/email_change.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using api::link_verdict;

namespace {

const std::string secret(40, 'k');
const auth::sealer sealer(secret, api::email_change_link_purpose);

api::email_link_claims claims_for(std::string sub = "auth0|ada", std::int64_t expires_at = 2000) {
    return {std::move(sub), "new@example.com", "id-1", expires_at};
}

api::pending_email pending(std::string id = "id-1", std::int64_t expires_at = 2000, bool notice_only = false) {
    return {"new@example.com", std::move(id), expires_at, notice_only};
}

}  // namespace

TEST_CASE("email change: the new address is checked and lower-cased as Auth0 stores it") {
    CHECK(api::normalized_email("Ada.Lovelace@Example.COM") == "ada.lovelace@example.com");
    CHECK(api::normalized_email("ada@example.com") == "ada@example.com");
    CHECK_FALSE(api::normalized_email(""));
    CHECK_FALSE(api::normalized_email("jos\xC3\xA9@example.com"));  // our mail speaks no SMTPUTF8: refused at once
    CHECK_FALSE(api::normalized_email("ada"));
    CHECK_FALSE(api::normalized_email("ada@localhost"));
    CHECK_FALSE(api::normalized_email("ada @example.com"));
    CHECK_FALSE(api::normalized_email("a@b@example.com"));
    CHECK_FALSE(api::normalized_email("ada@example.com\r\nBcc: x@example.com"));
}

TEST_CASE("email change: the link carries its claims sealed, and opens only unchanged") {
    const auto c = claims_for();
    const auto token = api::seal_email_link(c, sealer);
    CHECK(api::is_token_shaped(token));
    CHECK(token.find("new@example.com") == std::string::npos);  // sealed, not just signed
    REQUIRE(api::open_email_link(token, sealer) == c);

    SECTION("a changed character does not open") {
        auto tampered = token;
        tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
        CHECK_FALSE(api::open_email_link(tampered, sealer));
    }
    SECTION("cut or extended does not open") {
        CHECK_FALSE(api::open_email_link(token.substr(0, token.size() - 1), sealer));
        CHECK_FALSE(api::open_email_link(token + "A", sealer));
    }
    SECTION("another purpose or secret does not open") {
        CHECK_FALSE(api::open_email_link(token, auth::sealer(secret, "login-transaction")));
        CHECK_FALSE(api::open_email_link(token, auth::sealer(std::string(40, 'x'), api::email_change_link_purpose)));
    }
    SECTION("not a token at all") {
        CHECK_FALSE(api::open_email_link("", sealer));
        CHECK_FALSE(api::open_email_link("a b", sealer));
        CHECK_FALSE(api::open_email_link(std::string(api::max_token_size + 1, 'A'), sealer));
        CHECK_FALSE(api::open_email_link(sealer.seal("{\"sub\":\"auth0|ada\"}"), sealer));
        CHECK_FALSE(api::open_email_link(sealer.seal("not json"), sealer));
    }
}

TEST_CASE("email change: a link applies only for its user's current, unexpired change") {
    const auto c = claims_for();
    CHECK(api::judge_link(c, "auth0|ada", pending(), 1000) == link_verdict::apply);

    CHECK(api::judge_link(std::nullopt, "auth0|ada", pending(), 1000) == link_verdict::invalid);
    // Expired: the link's own expiry (24 h after it was mailed), whatever the store says.
    CHECK(api::judge_link(c, "auth0|ada", pending(), 2000) == link_verdict::expired);
    CHECK(api::judge_link(claims_for("auth0|ada", 999), "auth0|ada", pending(), 1000) == link_verdict::expired);
    CHECK(api::judge_link(c, "auth0|grace", pending(), 1000) == link_verdict::other_user);
    // Used (nothing pending any more), replaced (another id), or never applicable.
    CHECK(api::judge_link(c, "auth0|ada", std::nullopt, 1000) == link_verdict::not_pending);
    CHECK(api::judge_link(c, "auth0|ada", pending("id-2"), 1000) == link_verdict::not_pending);
    CHECK(api::judge_link(c, "auth0|ada", pending("id-1", 2000, true), 1000) == link_verdict::not_pending);
    auto elsewhere = pending();
    elsewhere.address = "other@example.com";
    CHECK(api::judge_link(c, "auth0|ada", elsewhere, 1000) == link_verdict::not_pending);

    // Before consuming: only the link itself is judged.
    CHECK(api::judge_claims(c, "auth0|ada", 1000) == link_verdict::apply);
    CHECK(api::judge_claims(c, "auth0|grace", 1000) == link_verdict::other_user);
    CHECK(api::judge_claims(c, "auth0|ada", 2001) == link_verdict::expired);
}

TEST_CASE("email change: a link sealed with a past expiry is refused as expired") {
    // The 24 h expiry without waiting: a link made "yesterday".
    const std::int64_t now = 1'800'000'000;
    const auto token = api::seal_email_link(claims_for("auth0|ada", now - 1), sealer);
    const auto opened = api::open_email_link(token, sealer);
    REQUIRE(opened);
    CHECK(api::judge_link(opened, "auth0|ada", pending("id-1", now + 100), now) == link_verdict::expired);
}
