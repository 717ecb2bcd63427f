// What the app keeps about its language (issue 16): the one it shows, the
// browser's own choice, and the saving of a choice to the profile. Part of
// app_state (app_state::language); controller_language.cpp is its only writer.
#pragma once

#include <string>

namespace profiledesk::app {

struct language_state {
    // The tag the app shows (core/languages.hpp: a shipped tag or the
    // pseudo-locale): app::current_messages() speaks it once its catalog is in.
    std::string current = "en";
    // This browser's choice, made at start: the language last chosen here
    // (localStorage), else navigator.languages, else English. Used whenever
    // the profile names no language we ship.
    std::string browser = "en";
    std::string loading;  // a catalog asked for and not yet in ("" for none)
    bool loaded = false;  // a catalog came in (before: the keys alone)
    // The current language's own catalog as fetched ("" for English and the
    // pseudo-locale): its characters beyond the base font are fetched (glyphs.hpp).
    std::string catalog_text;
    bool switcher_opened = false;  // its list was shown: the languages' names need their glyphs
    // The language chosen in the switcher, being saved to the profile (its
    // own PATCH of only that field), or "" when none is.
    std::string saving;
    std::string queued;  // chosen while `saving` was in flight: sent when it answers
    int saves_sent = 0;
    bool save_failed = false;       // the last save of a choice failed: said in the header, the UI keeps the language
    bool retried_conflict = false;  // a 409 on the language's save is sent again once, on the new version
};

}  // namespace profiledesk::app
