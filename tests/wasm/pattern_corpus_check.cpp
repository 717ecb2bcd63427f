// The pattern corpus (tests/unit/schema/pattern_corpus.json) through the
// app's real engine: core and std::regex compiled by Emscripten (libc++),
// exactly as in app.wasm. Run under Node by
// tests/integration/pattern_corpus_wasm.test.mjs:
//   node --no-experimental-fetch pattern_corpus_check.js <corpus.json>
// Prints each answer that differs from the corpus, then "checked N values,
// F failures"; exits 1 when F > 0 or the corpus cannot be read.
#include "../unit/schema/pattern_corpus.hpp"

#include "profiledesk/core/std_regex_pattern.hpp"

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: pattern_corpus_check <pattern_corpus.json>\n";
        return 2;
    }
    std::ifstream in(argv[1]);  // the host's file system (-sNODERAWFS)
    if (!in) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 2;
    }
    try {
        const auto out = pattern_corpus::run(nlohmann::json::parse(in), profiledesk::core::compile_std_regex);
        for (const auto& f : out.failures) std::cout << f << "\n";
        std::cout << "checked " << out.values << " values, " << out.failures.size() << " failures" << std::endl;
        return out.failures.empty() ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "the corpus is not what was expected: " << e.what() << "\n";
        return 2;
    }
}
