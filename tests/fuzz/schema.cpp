// Fuzzes the schema loader (core::parse_schema with the server's RE2 patterns),
// which reads PROFILE_SCHEMA at start-up. Invariant beyond "no crash": a schema it accepts survives the
// round trip field_schema.hpp promises, parse_schema(schema_to_json(s)) == s
// (compared as canonical JSON, since field_schema has no operator==).
#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/schema_to_json.hpp"
#include "schema/re2_pattern.hpp"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace profiledesk::core;
    const auto parsed = parse_schema(std::string_view(reinterpret_cast<const char*>(data), size),
                                     profiledesk::schema::compile_re2);
    if (parsed.ok() != parsed.schema.has_value()) {
        std::cerr << "invariant broken: a schema exactly when there are no errors\n";
        std::abort();
    }
    if (!parsed.ok()) return 0;
    const auto canonical = schema_to_json(*parsed.schema);
    const auto again = parse_schema(canonical, profiledesk::schema::compile_re2);
    if (!again.ok() || schema_to_json(*again.schema) != canonical) {
        std::cerr << "invariant broken: parse_schema(schema_to_json(s)) != s\n";
        std::abort();
    }
    return 0;
}
