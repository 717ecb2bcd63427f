// The schema Profile Desk ships with, used when PROFILE_SCHEMA is not set.
#pragma once

#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/pattern_matcher.hpp"

#include <string_view>

namespace profiledesk::core {

// The schema Profile Desk ships with (the single source of truth for it; there
// is no separate .json file). Groups "About you" (display_title, bio, pronouns,
// birthday), "Contact" (phone, website, city) and "Preferences" (language,
// timezone, newsletter). See default_schema.cpp for the text.
std::string_view default_schema_json();
// default_schema_json() parsed, its patterns compiled with `compile`; it is
// valid (a unit test holds it to that).
field_schema default_schema(pattern_compiler compile);

}  // namespace profiledesk::core
