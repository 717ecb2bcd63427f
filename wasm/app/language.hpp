// The app's language (issue 16): which one it shows, switching, and saving
// a choice to the profile. The rule (core/languages.hpp): the person's saved
// preference when the schema has a `language` field and its value is a
// language we ship, else this browser's (the switcher's last choice here,
// else navigator.languages), else English.
//
// Catalogs arrive asynchronously (effect load_catalog -> on_catalog); until
// one is in, the app keeps speaking the language it had. Pure logic, as the
// controller: the platform layer carries out the effects.
#pragma once

#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "net/api_result.hpp"

#include <string>
#include <vector>

namespace profiledesk::app {

// The browser's choice (localStorage). Only a language tag: nothing personal.
inline constexpr const char* language_storage_key = "profiledesk.language";

// The schema's field a person's language is saved in (the built-in schema's
// user_metadata.language), when it is an enum.
inline constexpr const char* language_field_key = "language";

// At start: this browser's language from `stored` (localStorage, "" when
// none) and `preferred` (navigator.languages), then its catalog.
effects start_language(app_state& s, const std::string& stored, const std::vector<std::string>& preferred);

// A catalog is in: `english` and `own` are the texts of en.json and of
// `tag`'s catalog ("" when it could not be fetched; unused for en and the
// pseudo-locale). The app switches to `tag`; with its own catalog missing or
// malformed, to English, and `problem` says why (for the console). English
// itself missing: the keys show, and `problem` says so. An answer for a
// language no longer wanted is dropped.
effects on_catalog(app_state& s, std::string tag, const std::string& english, const std::string& own,
                   std::string& problem);

// After GET /api/profile (and a save): the saved preference, when the schema
// has a language field holding a language we ship; else this browser's.
effects follow_profile_language(app_state& s);

// The languages the switcher offers: core::languages, not the pseudo-locale.
struct language_choice {
    std::string tag, name;
};
std::vector<language_choice> switcher_languages();

// The person chose `tag` in the switcher: the app switches at once, the
// browser remembers it, and when the schema's language field offers `tag`
// the choice is saved to the profile as its own PATCH of only that field
// (other unsaved edits stay in the draft, unsaved). A form save in flight or
// an open conflict: the choice goes into the draft instead, saved with the rest.
effects choose_language_tag(app_state& s, const std::string& tag);
effects on_language_saved(app_state& s, const net::api_result& r);
// The switcher's list opened: from now on its names are in the atlas (glyphs.hpp).
void on_switcher_opened(app_state& s);

// The switcher in the accessibility mirror (form_mirror.hpp): a select of
// switcher_languages() with this id, first in the form, on every screen.
inline constexpr const char* language_switcher_field = "language:switcher";
nlohmann::json language_switcher_entry(const app_state& s);

// Whether the schema's language field (an enum) offers `tag`.
bool profile_offers_language(const app_state& s, const std::string& tag);

}  // namespace profiledesk::app
