// The languages the app speaks, once: the catalogs it ships
// (web/i18n/<tag>.json), the header's switcher, which of them read right to
// left, and how a person's language is chosen.
//
// The choice (issue 16): the person's saved preference when the schema has a
// `language` field and its value is a language we ship, else the first of
// the browser's `navigator.languages` we ship, else English. A tag matches by
// itself or by its primary subtag, case-insensitively ("fr-CA" and "FR" both
// get French).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

struct language {
    std::string_view tag;          // BCP 47, the catalog's file name
    std::string_view native_name;  // in the switcher, in the language itself
    bool rtl;                      // the whole form is laid out right to left
};

inline constexpr std::array<language, 6> languages = {{
    {"en", "English", false},
    {"fr", "Français", false},
    {"de", "Deutsch", false},
    {"es", "Español", false},
    {"ja", "日本語", false},
    {"ar", "العربية", true},
}};

inline constexpr std::string_view default_language = "en";

// The pseudo-locale (Android and Chromium call theirs en-XA): English with
// every text wrapped and accented, "[!! Ƒúll ñámé !!]", and a third longer.
// It shows that a visible text comes from the catalog and that longer
// translations fit. Chosen like a language (navigator.languages, the saved
// preference) but not offered in the switcher.
inline constexpr std::string_view pseudo_language = "en-XA";

// The shipped language `tag` names, exactly or by its primary subtag; null
// for any other (the pseudo-locale included).
const language* find_language(std::string_view tag);

// The tag to show the app in: see the top of this file. `saved` is the
// schema's `language` value when there is one; `preferred` is
// navigator.languages in order. Always a shipped tag or pseudo_language.
std::string choose_language(std::optional<std::string_view> saved, const std::vector<std::string>& preferred);

// Whether `tag` (a shipped language, the pseudo-locale) reads right to left.
bool is_rtl_language(std::string_view tag);

}  // namespace profiledesk::core
