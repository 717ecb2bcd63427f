#include "profiledesk/core/default_schema.hpp"

#include "profiledesk/core/schema_parser.hpp"

#include <stdexcept>

namespace profiledesk::core {

// The default schema. Choices worth knowing:
//   - display_title and city are single lines of at most 100 characters;
//     bio is multi-line, at most 500 (the limit Auth0 itself puts on signup
//     metadata strings, docs/auth0.md#metadata-limits);
//   - pronouns and language are closed lists (language codes are BCP 47,
//     labels in the language itself, Latin script so every UI font has them);
//   - timezone is an IANA zone name checked by pattern rather than an enum of
//     ~400 names the Wasm binary would carry;
//   - birthday starts at 1900-01-01; "not in the future" needs a clock, which
//     core/ does not have;
//   - nothing is required: a person never has to fill in metadata to save.
std::string_view default_schema_json() {
    static constexpr std::string_view text = R"json({
  "version": 1,
  "groups": [
    {"id": "about", "label": "About you"},
    {"id": "contact", "label": "Contact"},
    {"id": "preferences", "label": "Preferences"}
  ],
  "fields": [
    {"key": "display_title", "label": "Title", "type": "string", "max_length": 100, "group": "about",
     "help": "Shown under your name, for example your role.", "placeholder": "Product designer"},
    {"key": "bio", "label": "About me", "type": "text", "max_length": 500, "group": "about",
     "help": "A few words about yourself. At most 500 characters."},
    {"key": "pronouns", "label": "Pronouns", "type": "enum", "group": "about",
     "options": ["she/her", "he/him", "they/them", {"value": "name", "label": "Use my name"}]},
    {"key": "birthday", "label": "Birthday", "type": "date", "min": "1900-01-01", "group": "about",
     "placeholder": "YYYY-MM-DD"},
    {"key": "phone", "label": "Phone", "type": "phone", "group": "contact",
     "help": "In international format, starting with + and the country code.", "placeholder": "+44 20 7946 0958"},
    {"key": "website", "label": "Website", "type": "url", "group": "contact", "placeholder": "https://example.com"},
    {"key": "city", "label": "City", "type": "string", "max_length": 100, "group": "contact"},
    {"key": "language", "label": "Language", "type": "enum", "group": "preferences",
     "options": [
       {"value": "en", "label": "English"}, {"value": "de", "label": "Deutsch"},
       {"value": "es", "label": "Español"}, {"value": "fr", "label": "Français"},
       {"value": "it", "label": "Italiano"}, {"value": "nl", "label": "Nederlands"},
       {"value": "pt", "label": "Português"}, {"value": "sv", "label": "Svenska"}]},
    {"key": "timezone", "label": "Time zone", "type": "string", "max_length": 64, "group": "preferences",
     "pattern": "UTC|[A-Z][A-Za-z]+/[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)?",
     "pattern_message": "Enter a time zone name, like Europe/London or America/New_York.",
     "placeholder": "Europe/London"},
    {"key": "newsletter", "label": "Send me the newsletter", "type": "bool", "group": "preferences"}
  ]
})json";
    return text;
}

field_schema default_schema(pattern_compiler compile) {
    auto result = parse_schema(default_schema_json(), compile);
    if (!result.ok()) throw std::logic_error("the built-in default schema is invalid: " + result.errors.front());
    return std::move(*result.schema);
}

}  // namespace profiledesk::core
