#include "schema/re2_pattern.hpp"

#include <catch2/catch.hpp>

#include <string>

using profiledesk::schema::compile_re2;

namespace {

std::shared_ptr<const profiledesk::core::pattern_matcher> compiled(const std::string& pattern) {
    std::string error;
    auto m = compile_re2(pattern, error);
    INFO(error);
    REQUIRE(m);
    return m;
}

}  // namespace

TEST_CASE("compile_re2: the whole value must match", "[re2_pattern]") {
    const auto m = compiled("[a-z]+");
    CHECK(m->matches_whole("abc"));
    CHECK_FALSE(m->matches_whole("abc1"));  // a search would find "abc"
    CHECK_FALSE(m->matches_whole("1abc"));
    CHECK_FALSE(m->matches_whole(""));
    SECTION("every alternative is tried against the whole value") {
        const auto alt = compiled("a|ab");
        CHECK(alt->matches_whole("ab"));
    }
}

TEST_CASE("compile_re2: bytes, not code points, like std::regex", "[re2_pattern]") {
    CHECK_FALSE(compiled(".")->matches_whole("\xC3\xA9"));  // é is two bytes
    CHECK(compiled("..")->matches_whole("\xC3\xA9"));
    CHECK_FALSE(compiled("\\w")->matches_whole("\xC3\xA9"));
}

TEST_CASE("compile_re2: a pattern RE2 cannot read is refused with its reason", "[re2_pattern]") {
    std::string error;
    CHECK_FALSE(compile_re2("(a", error));
    CHECK(error == "RE2: missing ): (a");
}

// The shapes that make a backtracking engine take exponential time, compiled
// straight with RE2 (the schema loader refuses them before, pattern_syntax.hpp):
// a 10,000-byte adversarial value is answered, where std::regex would run for
// longer than the universe has existed. Nothing here measures time: with a
// backtracking engine the test would never finish.
TEST_CASE("compile_re2: exponential-time shapes are answered on 10,000 bytes", "[re2_pattern]") {
    const std::string run(10000, 'a');
    for (const char* shape : {"(a|a)*b", "(a+)+b", "(a|aa)*b", "(a*)*b", "(?:a?a?)*b"}) {
        CAPTURE(shape);
        const auto m = compiled(shape);
        CHECK_FALSE(m->matches_whole(run));
        CHECK(m->matches_whole(run + "b"));
    }
}
