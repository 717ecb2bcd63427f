// Validation of profile edits: per field, a problem with a stable code
// (validation_problem.hpp) that each side says in its own language.
//
// The server runs it on every `PATCH /api/profile` and the browser app runs it
// as the person types: the same code, so the form never accepts what the
// server refuses (docs/architecture.md#layers).
//
// The rules, for a schema field (field_schema.hpp):
//   - null means "remove the value": allowed unless the field is required;
//   - the JSON type must match: text types take strings, bool a boolean,
//     number a number, date a string, enum a string that is one of the options;
//   - every string is valid UTF-8 without control characters (U+0000-U+001F,
//     U+007F-U+009F); only `text` may hold line breaks (\n) and tabs (\t).
//     \r is refused too: ImGui's text input never produces it, and one line
//     break convention keeps lengths and diffs honest;
//   - an empty string is a value, not a removal: a form sends null for a
//     cleared field (for email, phone, url, date and enum, "" is invalid);
//   - lengths count Unicode code points, not bytes ("Ж", "中" and "😀" are one
//     each), against max_length or the type's default_max_length;
//   - a required text value must not be blank (whitespace only, Unicode
//     spaces included);
//   - email: one '@'; a local part of 1-64 bytes without spaces, quotes or
//     brackets and without leading, trailing or doubled dots; a domain of at
//     least two dot-separated labels (letters, digits, '-', or non-ASCII),
//     none empty or starting/ending with '-', the last not all digits; at most
//     254 bytes in all;
//   - phone: international format: '+', then 8 to 15 digits (E.164 allows 15;
//     8 is the shortest real international number), the first digit not 0.
//     Single spaces or hyphens may separate digits, as people write numbers
//     ("+44 20 7946 0958", "+1-555-123-4567"); nothing else (no "(0)", no
//     dots, no extension). The value is stored as typed; phone_digits() gives
//     the E.164 form (Auth0's root `phone_number` pattern, ^\+[0-9]{1,15}$).
//   - url: "http://" or "https://" (either case), then a host (DNS labels,
//     an IPv4 address or a bracketed IPv6 address), an optional port 1-65535,
//     and an optional path, query or fragment; no spaces, no user:password@
//     part (it disguises the real host: https://bank.com@evil.example);
//   - date: a real calendar date written YYYY-MM-DD (year 0001-9999, Gregorian
//     leap years: 2024-02-29 yes, 2023-02-29 and 1900-02-29 no), within min/max;
//   - number: a finite number within min/max;
//   - pattern: a regular expression (pattern_syntax.hpp) matched against the
//     whole value by the field's matcher (RE2 on the server, std::regex in the
//     app), after the checks above: so it never runs on unbounded input, nor
//     on \r \v \f (the engines' '.' and \s differ on them). Both match
//     bytes, so '.' is one byte of UTF-8.
//
// And for the root attributes, Auth0's own limits (docs/auth0.md#users-endpoints, the
// OAS `UpdateUserRequestContent`): name and nickname 1-300 code points,
// given_name and family_name 1-150, single line, not blank; picture a
// `strict-uri`, which Profile Desk narrows to an absolute https:// URL of at
// most 2048 characters (the page is served over https, and a browser blocks an
// http image there as mixed content). null is refused for all five: Auth0
// refuses to remove root attributes of database users ("The following user
// attributes cannot be removed", docs/auth0.md#root-attributes), so a form clears a name
// by replacing it.
#pragma once

#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/validation_problem.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

// The checks behind the rules above live beside this file, one job each:
// utf8.hpp, text_checks.hpp, calendar.hpp, value_formats.hpp.

// What is wrong with `value` as the new value of `field`, or nullopt when it
// is acceptable.
std::optional<validation_problem> check_field(const field_def& field, const nlohmann::json& value);

// The same for a root attribute (name, nickname, given_name, family_name,
// picture). Any other name gets read_only.
std::optional<validation_problem> check_root_attribute(std::string_view name, const nlohmann::json& value);

// check_field and check_root_attribute's problem in English, a complete
// sentence ("Enter at most 500 characters."): what the server's messages say.
std::optional<std::string> validate_field(const field_def& field, const nlohmann::json& value);
std::optional<std::string> validate_root_attribute(std::string_view name, const nlohmann::json& value);

// The outcome of checking a whole PATCH `changes` object.
struct validation_report {
    // field id ("name", "user_metadata.bio") -> its problem
    std::map<std::string, validation_problem> problems;
    // The same ids -> english_message of the problem (the API's `fields`).
    std::map<std::string, std::string> errors;
    // Fields this API never writes, named exactly as sent: root keys other than
    // the five root attributes and user_metadata (app_metadata, email, blocked,
    // "Name", "USER_METADATA", ...) as the key, and metadata keys the schema
    // does not declare (case variants included) as "user_metadata.<key>".
    // Sorted.
    std::vector<std::string> not_allowed;

    bool ok() const { return errors.empty() && not_allowed.empty(); }
};

// Checks `changes` ({name?, nickname?, given_name?, family_name?, picture?,
// user_metadata?: {...}}) against Auth0's root attribute limits and `schema`.
// A `changes` that is not an object, or a `user_metadata` that is not an
// object, is reported under the key "changes" or "user_metadata"
// (changes_not_object, metadata_not_object).
// An empty `user_metadata` ({}) changes nothing and is accepted (upstream_patch
// never forwards it).
validation_report validate_changes(const field_schema& schema, const nlohmann::json& changes);

}  // namespace profiledesk::core
