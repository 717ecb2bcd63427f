// A schema text that may be translated (a field's label, help, placeholder,
// pattern_message, an option's or a group's label): either one string, the
// same in every language, or an object keyed by language tag:
//
//   "label": "City"
//   "label": {"en": "City", "fr": "Ville", "de": "Stadt"}
//
// In a language (resolve): the exact tag, case-insensitively; else a tag
// with the same primary subtag ("fr" for "fr-CA", or "fr-CA" for "fr"); else
// "en"; else the first tag in alphabetical order. The pseudo-locale
// (languages.hpp) shows the English text, pseudo-localised.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

struct localized_text {
    // Language tag -> text; a plain string is the single entry "".
    std::map<std::string, std::string, std::less<>> texts;

    localized_text() = default;
    localized_text(std::string plain) { texts.emplace("", std::move(plain)); }  // NOLINT: a string is a text
    localized_text(const char* plain) : localized_text(std::string(plain)) {}   // NOLINT

    bool empty() const { return texts.empty(); }
    bool is_plain() const { return texts.size() == 1 && texts.count("") == 1; }

    friend bool operator==(const localized_text& a, const localized_text& b) { return a.texts == b.texts; }
};

// A schema value as a localized_text: a string, or an object of 1 to 50
// language tags (2-3 letters, then -subtags of 1-8 letters or digits) to
// strings. nullopt and `error` ("use a string or an object of language tag
// -> text") otherwise.
std::optional<localized_text> parse_localized_text(const nlohmann::json& value, std::string& error);

// The shape it was read in: a string, or the object.
nlohmann::json to_json(const localized_text& text);

// The text in `language` (see the top of this file); "" when empty.
std::string resolve(const localized_text& text, std::string_view language);

}  // namespace profiledesk::core
