// "Sign out everywhere" marks: a provider sign-in older than the mark needs credentials again.
#include "auth/sign_out_marks.hpp"

#include <catch2/catch.hpp>

using profiledesk::auth::sign_out_marks;
using namespace std::chrono_literals;

TEST_CASE("sign_out_marks: an authentication before the mark predates it; one after does not") {
    sign_out_marks marks;
    const std::int64_t t = 1'700'000'000;
    CHECK_FALSE(marks.predates_mark("auth0|ada", t - 3600, t));  // no mark yet
    marks.mark("auth0|ada", t);
    CHECK(marks.predates_mark("auth0|ada", t - 3600, t + 5));  // the other device's provider session
    CHECK(marks.predates_mark("auth0|ada", 0, t + 5));         // an ID token without auth_time
    CHECK_FALSE(marks.predates_mark("auth0|ada", t, t + 5));   // signed in again within the second: no loop
    CHECK_FALSE(marks.predates_mark("auth0|ada", t + 2, t + 5));
    CHECK_FALSE(marks.predates_mark("auth0|grace", t - 3600, t + 5));  // only that user
    SECTION("a later mark replaces the earlier one") {
        marks.mark("auth0|ada", t + 100);
        CHECK(marks.predates_mark("auth0|ada", t + 50, t + 101));
    }
}

TEST_CASE("sign_out_marks: a mark counts for its lifetime, and memory is bounded") {
    const std::int64_t t = 1'700'000'000;
    sign_out_marks marks(std::chrono::seconds(60), 2);
    marks.mark("a", t);
    CHECK(marks.predates_mark("a", t - 10, t + 59));
    CHECK_FALSE(marks.predates_mark("a", t - 10, t + 60));  // past the provider's longest session
    marks.mark("b", t + 1);
    marks.mark("c", t + 2);  // over capacity: the oldest ("a") goes
    CHECK_FALSE(marks.predates_mark("a", t - 10, t + 3));
    CHECK(marks.predates_mark("b", t - 10, t + 3));
    CHECK(marks.predates_mark("c", t - 10, t + 3));
    marks.mark("b", t + 4);  // marking again does not grow it
    marks.mark("d", t + 5);
    CHECK_FALSE(marks.predates_mark("c", t - 10, t + 6));
    CHECK(marks.predates_mark("b", t - 10, t + 6));
    CHECK(marks.predates_mark("d", t - 10, t + 6));
}

TEST_CASE("sign_out_marks: a sign-in after the mark is accepted; before it, credentials are asked once, then refused") {
    using verdict = sign_out_marks::verdict;
    sign_out_marks marks;
    const std::int64_t t = 1'700'000'000;
    CHECK(marks.check("auth0|ada", std::nullopt, false, t) == verdict::accept);  // no mark
    CHECK(marks.check("auth0|ada", t - 100, false, t) == verdict::accept);
    marks.mark("auth0|ada", t);
    CHECK(marks.check("auth0|ada", t + 10, false, t + 20) == verdict::accept);
    CHECK(marks.check("auth0|ada", t - 100, false, t + 20) == verdict::ask_for_credentials);
    CHECK(marks.check("auth0|ada", std::nullopt, false, t + 20) == verdict::ask_for_credentials);
    SECTION("asked: credentials given since the mark are accepted") {
        CHECK(marks.check("auth0|ada", t + 40, true, t + 45) == verdict::accept);
    }
    SECTION("asked, but the old session answered (prompt=login stripped from the URL): refused, not asked again") {
        CHECK(marks.check("auth0|ada", t - 100, true, t + 45) == verdict::refuse);
    }
    SECTION("asked, and the provider sent no auth_time at all: refused, never a loop") {
        CHECK(marks.check("auth0|ada", std::nullopt, true, t + 45) == verdict::refuse);
    }
    SECTION("another user is not concerned") {
        CHECK(marks.check("auth0|grace", t - 100, false, t + 20) == verdict::accept);
    }
}
