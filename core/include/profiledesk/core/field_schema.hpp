// The field schema: which `user_metadata` fields a person may edit, how they
// are shown, and the constraints their values must meet.
//
// Auth0 has no schema for `user_metadata` (docs/auth0.md#metadata-limits: any JSON
// value, any key without '.' or '$'), so Profile Desk brings its own. The
// server reads it at start-up (`PROFILE_SCHEMA`, else `default_schema_json()`),
// sends it to the browser in `GET /api/profile`, and both run the very same
// validation (validation.hpp) against it. Patterns are the exception to "the
// very same": each side compiles them with its own engine (pattern_matcher.hpp),
// and the schema may only use the syntax both read alike (pattern_syntax.hpp).
//
// Schema JSON:
//
//   {
//     "version": 1,
//     "groups": [ {"id": "about", "label": "About you"}, ... ],
//     "fields": [
//       {
//         "key": "bio",              // the user_metadata key (required)
//         "label": "About me",       // for people (required)
//         "type": "text",            // string | text | email | phone | url | enum | bool | date | number
//         "required": false,         // a value must be present (and not blank)
//         "max_length": 500,         // text types: Unicode code points, 1..10000
//         "pattern": "[a-z]+",       // text types: a regex in the subset of pattern_syntax.hpp, matched against the whole value
//         "pattern_message": "...",  // the message shown when `pattern` does not match
//         "min": 0, "max": 10,       // number: numbers; date: "YYYY-MM-DD" strings
//         "options": [ {"value": "en", "label": "English"}, "fr" ],  // enum only; a plain string is its own label
//         "help": "...", "group": "about", "placeholder": "..."
//       }
//     ]
//   }
//
// The texts people read (a field's label, help, placeholder and
// pattern_message, an option's label, a group's label) are each a string, the
// same in every language, or an object keyed by language tag
// (localized_text.hpp): "label": {"en": "City", "fr": "Ville"}. The app shows
// them in its current language: the exact tag, else one with the same
// primary subtag (a "fr" text for fr-CA, or an "fr-CA" one for fr), else
// "en", else the first tag in alphabetical order. Every text in such an
// object must be valid UTF-8, and those that must not be blank (labels,
// pattern_message) must not be blank in any language. The server, which has
// no person's language (messages, logs), uses the English one by that rule.
//
// The text types are string (one line), text (several lines), email, phone
// and url. A property that does not apply to the field's type, or that the
// schema does not know (a typo such as "maxLength"), is an error rather than
// silently ignored: an administrator who writes a constraint expects it to hold.
//
// Keys are case-sensitive, as Auth0's are. Two keys that differ only in
// (ASCII) case are refused: `Bio` next to `bio` would let a request write a
// field the form never shows. A key may equal a root attribute name (`name`):
// metadata is its own namespace.
#pragma once

#include "profiledesk/core/localized_text.hpp"
#include "profiledesk/core/pattern_matcher.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

enum class field_type { string, text, email, phone, url, enumeration, boolean, date, number };

// "string", "text", ..., "enum", "bool", ... (the schema's spelling).
std::string_view to_string(field_type type);
std::optional<field_type> field_type_from_string(std::string_view name);

// string, text, email, phone, url: the types whose values are JSON strings typed
// by hand, which take max_length and pattern.
bool is_text_type(field_type type);

// The length limit of a text field without `max_length`, in code points, so
// that no value (and no input a `pattern` runs on) is unbounded: string 300
// (Auth0's limit for `name`), text 2000, email 254 (the longest address),
// phone 32, url 2048 (what browsers reliably handle).
std::size_t default_max_length(field_type type);

// The longest `max_length` a schema may declare: Auth0 limits a whole user
// profile to 10 KB (docs/auth0.md#metadata-limits).
inline constexpr std::size_t max_length_limit = 10000;

struct field_option {
    std::string value;
    localized_text label;

    friend bool operator==(const field_option& a, const field_option& b) {
        return a.value == b.value && a.label == b.label;
    }
};

struct field_group {
    std::string id;
    localized_text label;

    friend bool operator==(const field_group& a, const field_group& b) { return a.id == b.id && a.label == b.label; }
};

struct field_def {
    std::string key;
    localized_text label;
    field_type type = field_type::string;
    bool required = false;
    std::optional<std::size_t> max_length;  // text types; see default_max_length
    std::optional<std::string> pattern;     // text types; whole-value match, pattern_syntax.hpp
    std::optional<localized_text> pattern_message;
    std::optional<double> min;            // number
    std::optional<double> max;            // number
    std::optional<std::string> min_date;  // date, "YYYY-MM-DD" (JSON "min")
    std::optional<std::string> max_date;  // date, "YYYY-MM-DD" (JSON "max")
    std::vector<field_option> options;    // enum
    localized_text help;                  // empty: none
    std::string group;                    // a field_group id, or empty
    localized_text placeholder;

    // `pattern` compiled by parse_schema's pattern_compiler. A field with a
    // pattern and no matcher (built by hand) matches no value.
    std::shared_ptr<const pattern_matcher> matcher;

    // max_length, or the type's default.
    std::size_t effective_max_length() const;
    const field_option* find_option(std::string_view value) const;
};

struct field_schema {
    int version = 1;
    std::vector<field_group> groups;
    std::vector<field_def> fields;

    // The field with exactly this key (case-sensitive), or nullptr.
    const field_def* find(std::string_view key) const;
};

// Beside this file, one job each: schema_parser.hpp (reading the JSON above),
// schema_to_json.hpp (writing it for the API), default_schema.hpp (the
// schema Profile Desk ships with), field_ids.hpp (field ids, metadata keys).

}  // namespace profiledesk::core
