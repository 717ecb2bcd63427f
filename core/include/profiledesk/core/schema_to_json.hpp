// A schema as the API sends it (GET /api/profile's "schema").
#pragma once

#include "profiledesk/core/field_schema.hpp"

#include <nlohmann/json.hpp>

namespace profiledesk::core {

// Canonical JSON for the API: options always as {value, label}; properties
// that are unset or false are left out. parse_schema(schema_to_json(s))
// gives back s.
nlohmann::json schema_to_json(const field_schema& schema);

}  // namespace profiledesk::core
