// The field schema profiledesk serves and validates against (PROFILE_SCHEMA),
// with its patterns compiled by RE2 (re2_pattern.hpp): the only way the server
// builds a schema, so no pattern reaches std::regex on a request path.
#pragma once

#include "profiledesk/core/field_schema.hpp"

#include <memory>
#include <string>
#include <vector>

namespace profiledesk::schema {

// The schema in the file at `path`, or the built-in one when `path` is empty.
// Null with one line per problem in `problems` (core's "[schema.<id>] ..."
// errors, or the file that cannot be read).
std::shared_ptr<const core::field_schema> load_profile_schema(const std::string& path,
                                                              std::vector<std::string>& problems);

}  // namespace profiledesk::schema
