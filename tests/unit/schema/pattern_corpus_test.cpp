// The corpus (pattern_corpus.json) through the server's engine, RE2, and
// through libstdc++'s std::regex: both must give the corpus's answers. The
// app's real engine, Emscripten's libc++, runs the same corpus under Node
// (tests/wasm/pattern_corpus_check.cpp).
#include "pattern_corpus.hpp"

#include "profiledesk/core/pattern_syntax.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"
#include "schema/re2_pattern.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using nlohmann::json;

namespace {

json corpus() {
    std::ifstream in(PD_PATTERN_CORPUS);
    REQUIRE(in);
    return json::parse(in);
}

void check(const pattern_corpus::outcome& out) {
    for (const auto& f : out.failures) UNSCOPED_INFO(f);
    CHECK(out.failures.empty());
    CHECK(out.values > 300);  // the whole corpus ran
}

}  // namespace

TEST_CASE("pattern corpus: every pattern is in the shared subset", "[pattern_corpus]") {
    // Named: a range-for over corpus().at(...) would walk a destroyed temporary (C++17).
    const auto all = corpus();
    for (const auto& c : all.at("cases")) {
        const auto pattern = c.at("pattern").get<std::string>();
        CAPTURE(pattern);
        CHECK_FALSE(profiledesk::core::pattern_problem(pattern));
    }
}

TEST_CASE("pattern corpus: RE2 (the server) gives the expected answers", "[pattern_corpus]") {
    check(pattern_corpus::run(corpus(), profiledesk::schema::compile_re2));
}

TEST_CASE("pattern corpus: libstdc++'s std::regex gives the expected answers", "[pattern_corpus]") {
    check(pattern_corpus::run(corpus(), profiledesk::core::compile_std_regex));
}
