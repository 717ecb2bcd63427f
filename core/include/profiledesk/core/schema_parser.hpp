// Reading a schema (field_schema.hpp documents its JSON) and every problem
// with it, for the server at start-up and the app on each profile it loads.
#pragma once

#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/pattern_matcher.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

// The result of parsing a schema: the schema, or every problem found.
// Each error reads "[schema.<id>] <message>" and names the field by key (or
// by position when it has no usable key), e.g.
//   [schema.duplicate_key] field 'bio': the key is declared twice (fields 2 and 5)
// Ids: json, not_object, version, groups, group, fields, field, key, label,
// type, unknown_property, not_applicable, duplicate_key, case_variant_key,
// max_length, pattern, min_max, options, unknown_group.
struct schema_result {
    std::optional<field_schema> schema;  // set exactly when errors is empty
    std::vector<std::string> errors;

    bool ok() const { return errors.empty(); }
};

// Patterns are checked with pattern_problem() (pattern_syntax.hpp), then
// compiled with `compile`: the server's RE2 or the app's std::regex.
schema_result parse_schema(const nlohmann::json& j, pattern_compiler compile);
// The same from JSON text (a PROFILE_SCHEMA file's contents).
schema_result parse_schema(std::string_view json_text, pattern_compiler compile);

}  // namespace profiledesk::core
