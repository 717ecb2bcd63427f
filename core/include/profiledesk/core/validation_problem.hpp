// What validation (validation.hpp) found wrong with a value: a stable code
// and its arguments, {"code": "too_long", "args": {"max": "500"}}, rather
// than a sentence, so that each side says it in its own language:
//
//   - the server answers API clients in English (english_message), from the
//     table below, as it always has;
//   - the app shows the person's language through its catalog
//     (localized_message: the key message_key() names, "validation.<code>",
//     in web/i18n/<tag>.json).
//
// The table is the English text of every key; web/i18n/en.json's
// `validation.*` entries are exactly these (tests/unit/core/validation_messages_test.cpp).
// A code is a contract like an API error code (api_errors.hpp): never renamed
// or reused, since the server sends it (PATCH /api/profile's 400
// validation_failed body, `problems`) and translations are keyed by it.
#pragma once

#include "profiledesk/core/localized_text.hpp"
#include "profiledesk/core/messages.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

namespace validation_code {
// Any field.
inline constexpr std::string_view required = "required";    // null for a required field, or blank text
inline constexpr std::string_view read_only = "read_only";  // not a field this page writes
// Strings (all text types).
inline constexpr std::string_view text = "text";                  // not a string
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";  // not UTF-8
inline constexpr std::string_view control_characters = "control_characters";
inline constexpr std::string_view single_line = "single_line";  // a line break or tab where one line is wanted
inline constexpr std::string_view too_long = "too_long";        // args: max (code points)
inline constexpr std::string_view pattern = "pattern";          // the schema's pattern; schema_message when it has one
// Types.
inline constexpr std::string_view email = "email";
inline constexpr std::string_view phone = "phone";
inline constexpr std::string_view url = "url";
inline constexpr std::string_view date_format = "date_format";    // not YYYY-MM-DD
inline constexpr std::string_view date_missing = "date_missing";  // YYYY-MM-DD, not in the calendar
inline constexpr std::string_view date_range = "date_range";      // args: min, max
inline constexpr std::string_view date_min = "date_min";          // args: min
inline constexpr std::string_view date_max = "date_max";          // args: max
inline constexpr std::string_view number = "number";
inline constexpr std::string_view number_range = "number_range";  // args: min, max
inline constexpr std::string_view number_min = "number_min";      // args: min
inline constexpr std::string_view number_max = "number_max";      // args: max
inline constexpr std::string_view boolean = "bool";
inline constexpr std::string_view enumeration = "enum";
// Root attributes (root_attributes.hpp: each row's missing_code).
inline constexpr std::string_view name_required = "name_required";
inline constexpr std::string_view nickname_required = "nickname_required";
inline constexpr std::string_view given_name_required = "given_name_required";
inline constexpr std::string_view family_name_required = "family_name_required";
inline constexpr std::string_view picture_url = "picture_url";  // missing, or not an https:// address
// The shape of a whole PATCH (validate_changes).
inline constexpr std::string_view changes_not_object = "changes_not_object";
inline constexpr std::string_view metadata_not_object = "metadata_not_object";
}  // namespace validation_code

struct validation_problem {
    std::string code;                         // validation_code::...
    std::map<std::string, std::string> args;  // placeholder -> value as written ("max" -> "500")
    // The schema's own pattern_message, for `pattern` when the field has one:
    // it replaces the catalog's text in every language (field_schema.hpp).
    std::optional<localized_text> schema_message;

    friend bool operator==(const validation_problem& a, const validation_problem& b) {
        return a.code == b.code && a.args == b.args && a.schema_message == b.schema_message;
    }
};

struct validation_message {
    std::string_view key;  // "validation.<code>", or a form of it message_key() picks
    std::string_view english;
};

// Every message key with its English text, sorted by key. A text names its
// arguments as placeholders (messages.hpp).
inline constexpr std::array validation_messages = {
    validation_message{"validation.bool", "Choose yes or no."},
    validation_message{"validation.changes_not_object", "Send the changes as a JSON object."},
    validation_message{"validation.control_characters", "Remove the invisible control characters."},
    validation_message{"validation.date_format", "Enter a date as YYYY-MM-DD, like 1990-12-31."},
    validation_message{"validation.date_max", "Enter a date on or before {max}."},
    validation_message{"validation.date_min", "Enter a date on or after {min}."},
    validation_message{"validation.date_missing", "This date does not exist; check the day and the month."},
    validation_message{"validation.date_range", "Enter a date from {min} to {max}."},
    validation_message{"validation.email", "Enter an email address, like name@example.com."},
    validation_message{"validation.enum", "Choose one of the options."},
    validation_message{"validation.family_name_required", "Enter a family name."},
    validation_message{"validation.given_name_required", "Enter a given name."},
    validation_message{"validation.invalid_utf8", "This text contains invalid characters."},
    validation_message{"validation.metadata_not_object", "Send metadata changes as an object of fields."},
    validation_message{"validation.name_required", "Enter a name."},
    validation_message{"validation.nickname_required", "Enter a nickname."},
    validation_message{"validation.number", "Enter a number."},
    validation_message{"validation.number_max", "Enter a number of at most {max}."},
    validation_message{"validation.number_min", "Enter a number of at least {min}."},
    validation_message{"validation.number_range", "Enter a number from {min} to {max}."},
    validation_message{"validation.pattern", "Enter a value in the expected format."},
    validation_message{"validation.phone", "Enter a phone number in international format, like +44 20 7946 0958."},
    validation_message{"validation.picture_url", "Enter the web address of a picture, starting with https://."},
    validation_message{"validation.read_only", "This field cannot be changed here."},
    validation_message{"validation.required", "This field is required."},
    validation_message{"validation.single_line", "Use a single line, without line breaks or tabs."},
    validation_message{"validation.text", "Enter text."},
    validation_message{"validation.too_long", "Enter at most {max} characters."},
    // too_long with max 1: English, like most languages, says "character".
    validation_message{"validation.too_long_one", "Enter at most {max} character."},
    validation_message{"validation.url",
                       "Enter a web address starting with https:// or http://, like https://example.com."},
};

// The catalog key of `p`'s message: "validation.<code>", except too_long
// with max 1, "validation.too_long_one" (the one plural form the messages
// have: catalogs have no plural rules).
std::string message_key(const validation_problem& p);

// `p`'s arguments as format_message takes them (views into `p`: keep `p` alive).
message_args message_args_of(const validation_problem& p);

// The English sentence for `p`: the schema's message in English
// (localized_text.hpp's fallback) when it has one, else the table's text
// with the arguments filled in.
std::string english_message(const validation_problem& p);

// The sentence for `p` in `texts`' language: the schema's message resolved
// in that language when it has one, else the catalog's text for message_key(p).
std::string localized_message(const validation_problem& p, const messages& texts);

// The wire form, {"code": "...", "args": {...}} (args always an object). The
// schema's message is not sent: a reader that shows it has the schema.
nlohmann::json to_json(const validation_problem& p);

// The wire form read back; nullopt when `j` is not an object with a string
// `code`. Args that are not strings are skipped.
std::optional<validation_problem> validation_problem_from_json(const nlohmann::json& j);

}  // namespace profiledesk::core
