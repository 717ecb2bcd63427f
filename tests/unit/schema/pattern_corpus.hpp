// Runs pattern_corpus.json through one engine, the way a value meets a
// pattern in Profile Desk: a text field of a schema parsed with that engine's
// pattern_compiler, checked by validate_field. Shared by the native test
// (RE2 and libstdc++) and the Wasm check (Emscripten's libc++), so both
// sides ask exactly the same questions.
#pragma once

#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/validation.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pattern_corpus {

// The message a value that does not match gets: telling it apart from every
// other validation message proves each value reached the pattern.
inline constexpr const char* no_match_message = "NO MATCH";

struct outcome {
    std::size_t values = 0;             // values checked
    std::vector<std::string> failures;  // one line per answer that differs from the corpus
};

inline outcome run(const nlohmann::json& corpus, profiledesk::core::pattern_compiler compile) {
    using nlohmann::json;
    outcome out;
    for (const auto& c : corpus.at("cases")) {
        const std::string pattern = c.at("pattern").get<std::string>();
        const json schema = {{"version", 1},
                             {"fields",
                              {{{"key", "f"},
                                {"label", "F"},
                                {"type", "text"},
                                {"max_length", 10000},
                                {"pattern", pattern},
                                {"pattern_message", no_match_message}}}}};
        const auto parsed = profiledesk::core::parse_schema(schema, compile);
        if (!parsed.ok()) {
            out.failures.push_back(json(pattern).dump() + ": refused: " + parsed.errors.front());
            continue;
        }
        const auto& field = parsed.schema->fields.front();
        for (const char* expectation : {"match", "no_match"}) {
            const bool should_match = std::string(expectation) == "match";
            for (const auto& value : c.at(expectation)) {
                ++out.values;
                const auto message = profiledesk::core::validate_field(field, value);
                const bool matched = !message;
                if (matched == should_match && (matched || *message == no_match_message)) continue;
                out.failures.push_back(json(pattern).dump() + " on " + value.dump() + ": expected " + expectation +
                                       ", got " + (matched ? "match" : json(*message).dump()));
            }
        }
    }
    return out;
}

}  // namespace pattern_corpus
