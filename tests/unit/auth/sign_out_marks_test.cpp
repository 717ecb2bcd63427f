// "Sign out everywhere" marks: a provider sign-in older than the mark needs credentials again.
#include "auth/sign_out_marks.hpp"

#include "support/await_outcome.hpp"

#include <catch2/catch.hpp>

using profiledesk::auth::judge_sign_in;
using profiledesk::auth::memory_sign_out_marks;
using profiledesk::auth::sign_out_marks;
using profiledesk::testing::await_value;
using verdict = profiledesk::auth::sign_out_verdict;
using namespace std::chrono_literals;

namespace {

void mark(sign_out_marks& marks, const std::string& sub, std::int64_t at) {
    await_value<profiledesk::state::done>([&](auto done) { marks.mark(sub, at, done); });
}

verdict check(sign_out_marks& marks, const std::string& sub, std::optional<std::int64_t> auth_time, bool asked,
              std::int64_t now) {
    return await_value<verdict>([&](auto done) { marks.check(sub, auth_time, asked, now, done); });
}

// Whether an authentication at `auth_time` predates the user's mark, as seen at `now`.
bool predates_mark(sign_out_marks& marks, const std::string& sub, std::int64_t auth_time, std::int64_t now) {
    return check(marks, sub, auth_time, false, now) != verdict::accept;
}

}  // namespace

TEST_CASE("sign_out_marks: an authentication before the mark predates it; one after does not") {
    memory_sign_out_marks marks;
    const std::int64_t t = 1'700'000'000;
    CHECK_FALSE(predates_mark(marks, "auth0|ada", t - 3600, t));  // no mark yet
    mark(marks, "auth0|ada", t);
    CHECK(predates_mark(marks, "auth0|ada", t - 3600, t + 5));  // the other device's provider session
    CHECK(predates_mark(marks, "auth0|ada", 0, t + 5));         // an ID token without auth_time
    CHECK_FALSE(predates_mark(marks, "auth0|ada", t, t + 5));   // signed in again within the second: no loop
    CHECK_FALSE(predates_mark(marks, "auth0|ada", t + 2, t + 5));
    CHECK_FALSE(predates_mark(marks, "auth0|grace", t - 3600, t + 5));  // only that user
    SECTION("a later mark replaces the earlier one") {
        mark(marks, "auth0|ada", t + 100);
        CHECK(predates_mark(marks, "auth0|ada", t + 50, t + 101));
    }
}

TEST_CASE("sign_out_marks: a mark counts for its lifetime, and memory is bounded") {
    const std::int64_t t = 1'700'000'000;
    memory_sign_out_marks marks(std::chrono::seconds(60), 2);
    mark(marks, "a", t);
    CHECK(predates_mark(marks, "a", t - 10, t + 59));
    CHECK_FALSE(predates_mark(marks, "a", t - 10, t + 60));  // past the provider's longest session
    mark(marks, "b", t + 1);
    mark(marks, "c", t + 2);  // over capacity: the oldest ("a") goes
    CHECK_FALSE(predates_mark(marks, "a", t - 10, t + 3));
    CHECK(predates_mark(marks, "b", t - 10, t + 3));
    CHECK(predates_mark(marks, "c", t - 10, t + 3));
    mark(marks, "b", t + 4);  // marking again does not grow it
    mark(marks, "d", t + 5);
    CHECK_FALSE(predates_mark(marks, "c", t - 10, t + 6));
    CHECK(predates_mark(marks, "b", t - 10, t + 6));
    CHECK(predates_mark(marks, "d", t - 10, t + 6));
}

TEST_CASE("sign_out_marks: a sign-in after the mark is accepted; before it, credentials are asked once, then refused") {
    memory_sign_out_marks marks;
    const std::int64_t t = 1'700'000'000;
    CHECK(check(marks, "auth0|ada", std::nullopt, false, t) == verdict::accept);  // no mark
    CHECK(check(marks, "auth0|ada", t - 100, false, t) == verdict::accept);
    mark(marks, "auth0|ada", t);
    CHECK(check(marks, "auth0|ada", t + 10, false, t + 20) == verdict::accept);
    CHECK(check(marks, "auth0|ada", t - 100, false, t + 20) == verdict::ask_for_credentials);
    CHECK(check(marks, "auth0|ada", std::nullopt, false, t + 20) == verdict::ask_for_credentials);
    SECTION("asked: credentials given since the mark are accepted") {
        CHECK(check(marks, "auth0|ada", t + 40, true, t + 45) == verdict::accept);
    }
    SECTION("asked, but the old session answered (prompt=login stripped from the URL): refused, not asked again") {
        CHECK(check(marks, "auth0|ada", t - 100, true, t + 45) == verdict::refuse);
    }
    SECTION("asked, and the provider sent no auth_time at all: refused, never a loop") {
        CHECK(check(marks, "auth0|ada", std::nullopt, true, t + 45) == verdict::refuse);
    }
    SECTION("another user is not concerned") {
        CHECK(check(marks, "auth0|grace", t - 100, false, t + 20) == verdict::accept);
    }
}

TEST_CASE("judge_sign_in: the rule every implementation applies to the mark it reads") {
    const std::int64_t t = 1'700'000'000;
    CHECK(judge_sign_in(std::nullopt, t - 100, false, t, 60s) == verdict::accept);
    CHECK(judge_sign_in(t, t - 100, false, t + 59, 60s) == verdict::ask_for_credentials);
    CHECK(judge_sign_in(t, t - 100, false, t + 60, 60s) == verdict::accept);  // the mark has lapsed
    CHECK(judge_sign_in(t, t, true, t + 1, 60s) == verdict::accept);          // within the mark's second
    CHECK(judge_sign_in(t, std::nullopt, true, t + 1, 60s) == verdict::refuse);
}
