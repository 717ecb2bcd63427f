#include "auth/login_transaction.hpp"

#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using profiledesk::auth::login_transaction;
using profiledesk::auth::login_transaction_purpose;
using profiledesk::auth::new_login_transaction;
using profiledesk::auth::open_transaction;
using profiledesk::auth::pkce_challenge;
using profiledesk::auth::safe_return_to;
using profiledesk::auth::seal_transaction;
using profiledesk::auth::sealer;
using profiledesk::core::base64url_decode;
using profiledesk::core::base64url_encode;

namespace {

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";
const std::int64_t now = 1'700'000'000;

const sealer& transaction_sealer() {
    static const sealer s(secret, login_transaction_purpose);
    return s;
}

bool base64url_only(const std::string& s) {
    return s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

}  // namespace

TEST_CASE("new_login_transaction draws fresh, unguessable values") {
    const auto t = new_login_transaction("/profile", now);
    SECTION("256 bits each, base64url") {
        CHECK(base64url_decode(t.state)->size() == 32);
        CHECK(base64url_decode(t.nonce)->size() == 32);
        CHECK(base64url_decode(t.code_verifier)->size() == 32);
    }
    SECTION("the PKCE verifier is 43 characters of RFC 7636's alphabet") {
        CHECK(t.code_verifier.size() == 43);
        CHECK(base64url_only(t.code_verifier));
    }
    SECTION("state, nonce and verifier are independent values") {
        CHECK(t.state != t.nonce);
        CHECK(t.state != t.code_verifier);
        CHECK(t.nonce != t.code_verifier);
    }
    SECTION("every transaction is new") {
        std::set<std::string> states;
        for (int i = 0; i < 100; ++i) states.insert(new_login_transaction("/", now).state);
        CHECK(states.size() == 100);
    }
    SECTION("it records when and where to") {
        CHECK(t.created_at == now);
        CHECK(t.return_to == "/profile");
    }
    SECTION("an unsafe return_to is replaced by /, whoever calls it") {
        CHECK(new_login_transaction("https://evil.example", now).return_to == "/");
    }
}

TEST_CASE("pkce_challenge is S256 (RFC 7636 appendix B)") {
    CHECK(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
          "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    SECTION("not the plain method: the challenge never equals the verifier") {
        const auto t = new_login_transaction("/", now);
        CHECK(pkce_challenge(t.code_verifier) != t.code_verifier);
        CHECK(pkce_challenge(t.code_verifier).size() == 43);
    }
}

TEST_CASE("a sealed transaction opens to the same values") {
    const auto t = new_login_transaction("/profile?tab=contact", now);
    const auto cookie = seal_transaction(t, transaction_sealer());
    const auto back = open_transaction(cookie, transaction_sealer(), now + 5);
    REQUIRE(back);
    CHECK(back->state == t.state);
    CHECK(back->nonce == t.nonce);
    CHECK(back->code_verifier == t.code_verifier);
    CHECK(back->return_to == t.return_to);
    CHECK(back->created_at == now);
    CHECK_FALSE(back->fresh);
    SECTION("a fresh sign-in (credentials asked again) stays fresh") {
        auto fresh = t;
        fresh.fresh = true;
        const auto opened = open_transaction(seal_transaction(fresh, transaction_sealer()), transaction_sealer(), now);
        REQUIRE(opened);
        CHECK(opened->fresh);
    }
    SECTION("a cookie sealed before the fresh flag existed (format v1) still opens, as not fresh") {
        std::string v1(1, 'T');
        const auto put = [&v1](std::string_view s) {
            for (int shift = 24; shift >= 0; shift -= 8) v1 += static_cast<char>((s.size() >> shift) & 0xff);
            v1 += s;
        };
        put(t.state);
        put(t.nonce);
        put(t.code_verifier);
        put(t.return_to);
        for (int shift = 56; shift >= 0; shift -= 8) {
            v1 += static_cast<char>((static_cast<std::uint64_t>(now) >> shift) & 0xff);
        }
        const auto opened = open_transaction(transaction_sealer().seal(v1), transaction_sealer(), now);
        REQUIRE(opened);
        CHECK(opened->state == t.state);
        CHECK_FALSE(opened->fresh);
    }
    SECTION("the cookie does not show the verifier, state, nonce or path") {
        CHECK(cookie.find(t.code_verifier) == std::string::npos);
        CHECK(cookie.find(t.state) == std::string::npos);
        CHECK(cookie.find("profile") == std::string::npos);
    }
}

TEST_CASE("a transaction cookie with the longest returnTo still fits in a cookie") {
    const std::string longest = "/" + std::string(2047, 'a');
    const auto t = new_login_transaction(longest, now);
    REQUIRE(t.return_to == longest);
    const auto cookie = seal_transaction(t, transaction_sealer());
    CHECK(cookie.size() + std::string("__Host-pd_login").size() < 4096);
    CHECK(open_transaction(cookie, transaction_sealer(), now));
}

TEST_CASE("open_transaction refuses expired transactions") {
    const auto cookie = seal_transaction(new_login_transaction("/", now), transaction_sealer());
    SECTION("default lifetime: 10 minutes") {
        CHECK(open_transaction(cookie, transaction_sealer(), now + 600));
        CHECK_FALSE(open_transaction(cookie, transaction_sealer(), now + 601));
    }
    SECTION("a custom lifetime") {
        CHECK(open_transaction(cookie, transaction_sealer(), now + 60, 60));
        CHECK_FALSE(open_transaction(cookie, transaction_sealer(), now + 61, 60));
    }
    SECTION("a lifetime of zero or less accepts nothing") {
        CHECK_FALSE(open_transaction(cookie, transaction_sealer(), now, 0));
        CHECK_FALSE(open_transaction(cookie, transaction_sealer(), now, -5));
    }
    SECTION("a transaction from the future (beyond a minute of clock skew)") {
        CHECK(open_transaction(cookie, transaction_sealer(), now - 60));
        CHECK_FALSE(open_transaction(cookie, transaction_sealer(), now - 61));
    }
}

TEST_CASE("open_transaction refuses cookies it did not seal") {
    const auto t = new_login_transaction("/", now);
    const auto cookie = seal_transaction(t, transaction_sealer());
    SECTION("tampered: one bit of the ciphertext") {
        auto raw = *base64url_decode(cookie);
        raw[20] = static_cast<char>(raw[20] ^ 1);
        CHECK_FALSE(open_transaction(base64url_encode(raw), transaction_sealer(), now));
    }
    SECTION("truncated") {
        CHECK_FALSE(open_transaction(cookie.substr(0, cookie.size() - 1), transaction_sealer(), now));
        CHECK_FALSE(open_transaction(cookie.substr(0, 30), transaction_sealer(), now));
    }
    SECTION("sealed for another purpose with the same SECRET") {
        const sealer other(secret, "something-else");
        CHECK_FALSE(open_transaction(seal_transaction(t, other), transaction_sealer(), now));
    }
    SECTION("sealed with another SECRET") {
        const sealer other("another-secret-another-secret-another", login_transaction_purpose);
        CHECK_FALSE(open_transaction(seal_transaction(t, other), transaction_sealer(), now));
    }
    SECTION("empty or garbage") {
        CHECK_FALSE(open_transaction("", transaction_sealer(), now));
        CHECK_FALSE(open_transaction("garbage", transaction_sealer(), now));
    }
    SECTION("correctly sealed but not a transaction inside") {
        CHECK_FALSE(open_transaction(transaction_sealer().seal("{\"state\":\"x\"}"), transaction_sealer(), now));
        CHECK_FALSE(open_transaction(transaction_sealer().seal(""), transaction_sealer(), now));
    }
    SECTION("correctly sealed, but with values new_login_transaction never makes") {
        auto bad = t;
        bad.code_verifier = "short";
        CHECK_FALSE(open_transaction(seal_transaction(bad, transaction_sealer()), transaction_sealer(), now));
        bad = t;
        bad.state.clear();
        CHECK_FALSE(open_transaction(seal_transaction(bad, transaction_sealer()), transaction_sealer(), now));
        bad = t;
        bad.return_to = "//evil.example";
        CHECK_FALSE(open_transaction(seal_transaction(bad, transaction_sealer()), transaction_sealer(), now));
    }
}

TEST_CASE("safe_return_to keeps same-origin paths") {
    CHECK(safe_return_to("/") == "/");
    CHECK(safe_return_to("/profile") == "/profile");
    CHECK(safe_return_to("/profile/edit?tab=contact&x=1") == "/profile/edit?tab=contact&x=1");
    CHECK(safe_return_to("/docs/a%20b") == "/docs/a%20b");                    // encoded space
    CHECK(safe_return_to("/caf%C3%A9") == "/caf%C3%A9");                      // encoded UTF-8
    CHECK(safe_return_to("/javascript:alert(1)") == "/javascript:alert(1)");  // a path on our origin
    CHECK(safe_return_to("/a/../b") == "/a/../b");                            // still our origin
    CHECK(safe_return_to("/" + std::string(2047, 'x')) == "/" + std::string(2047, 'x'));
}

TEST_CASE("safe_return_to turns every off-site target into /") {
    const char* attacks[] = {
        "https://evil.example/",  // absolute URL
        "http://evil.example",
        "//evil.example",  // scheme-relative
        "///evil.example",
        "/\\evil.example",  // browsers read '\' as '/'
        "\\\\evil.example",
        "\\/evil.example",
        "/a\\b",                // a backslash anywhere
        "javascript:alert(1)",  // a scheme
        "data:text/html,<script>",
        "evil.example",  // relative: resolves against /login
        "",
        " /profile",         // leading space
        "/profile page",     // raw space
        "/\t/evil.example",  // browsers strip tabs: becomes //evil
        "/\n/evil.example",
        "/profile\r\nSet-Cookie: x=1",  // CR/LF: response splitting
        "/profile\r",
        "/caf\xC3\xA9",         // raw non-ASCII in a Location header
        "/a//b",                // "//" anywhere
        "/%2F%2Fevil.example",  // encoded "//"
        "/%2f/evil.example",
        "/%5Cevil.example",  // encoded backslash
        "/%5cevil.example",
        "/%252F%252Fevil.example",      // double-encoded "//"
        "/%25252F%25252Fevil.example",  // triple-encoded
        "/%0d%0aSet-Cookie:x=1",        // encoded CR/LF
        "/%09/evil.example",            // encoded tab
        "/%00",                         // encoded NUL
        "/%",                           // malformed escapes
        "/%zz",
        "/%2",
        "%2F%2Fevil.example",  // encoded leading slash
    };
    for (const char* attack : attacks) {
        INFO("returnTo = " << attack);
        CHECK(safe_return_to(attack) == "/");
    }
    SECTION("anything longer than 2048 characters") {
        CHECK(safe_return_to("/" + std::string(2048, 'x')) == "/");
        CHECK(safe_return_to("/" + std::string(100000, 'x')) == "/");
    }
    SECTION("a string with an embedded NUL") { CHECK(safe_return_to(std::string("/ok\0//evil", 10)) == "/"); }
}

TEST_CASE("a re-authentication's action and asking user survive the seal") {
    using profiledesk::core::reauth::action;
    auto t = new_login_transaction("/?resume=password", now);
    t.fresh = true;
    t.reauth = action::password;
    t.reauth_sub = "auth0|ada";
    const auto opened = open_transaction(seal_transaction(t, transaction_sealer()), transaction_sealer(), now);
    REQUIRE(opened);
    CHECK(opened->fresh);
    CHECK(opened->reauth == action::password);
    CHECK(opened->reauth_sub == "auth0|ada");

    // An ordinary sign-in opens with none.
    const auto plain = open_transaction(seal_transaction(new_login_transaction("/", now), transaction_sealer()),
                                        transaction_sealer(), now);
    REQUIRE(plain);
    CHECK_FALSE(plain->reauth);
    CHECK(plain->reauth_sub.empty());
}

TEST_CASE("judge_reauthentication: only the same user, with credentials given after the start, resumes") {
    using profiledesk::auth::judge_reauthentication;
    using profiledesk::auth::reauth_verdict;
    auto t = new_login_transaction("/?resume=email", now);
    CHECK(judge_reauthentication(t, "auth0|ada", now) == reauth_verdict::not_asked);

    t.reauth = profiledesk::core::reauth::action::email;
    t.reauth_sub = "auth0|ada";
    CHECK(judge_reauthentication(t, "auth0|ada", now + 30) == reauth_verdict::resume);
    CHECK(judge_reauthentication(t, "auth0|ada", now - 60) == reauth_verdict::resume);  // a minute of skew
    CHECK(judge_reauthentication(t, "auth0|ada", now - 61) == reauth_verdict::stale);
    CHECK(judge_reauthentication(t, "auth0|ada", now - 600) == reauth_verdict::stale);
    CHECK(judge_reauthentication(t, "auth0|ada", std::nullopt) == reauth_verdict::stale);
    CHECK(judge_reauthentication(t, "auth0|grace", now + 30) == reauth_verdict::other_user);
    CHECK(judge_reauthentication(t, "auth0|grace", std::nullopt) == reauth_verdict::other_user);
}
