#include "app/app_state.hpp"

#include "app/controller.hpp"
#include "app/controller_account.hpp"
#include "app/devices_mirror.hpp"

#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/root_attributes.hpp"

namespace profiledesk::app {

std::string_view to_string(phase p) {
    switch (p) {
        case phase::loading: return "loading";
        case phase::signed_out: return "signed_out";
        case phase::editing: return "editing";
        case phase::saving: return "saving";
        case phase::conflict: return "conflict";
        case phase::error: return "error";
    }
    return "loading";
}

nlohmann::json state_to_json(const app_state& s) {
    using nlohmann::json;
    static const char* const avatar_states[] = {"none", "loading", "ready", "failed"};
    static const char* const choices[] = {"undecided", "mine", "theirs"};
    static const char* const retries[] = {"none", "load_session", "load_profile", "save"};
    json j = {
        {"ready", s.ready},
        {"frames", s.frames},
        {"idle", s.idle},
        {"fontPixelSize", s.font_pixel_size},
        {"font", s.font},
        {"theme", std::string(core::to_string(s.theme))},
        {"phase", std::string(to_string(s.current))},
        {"status", s.status_text.shown()},
        {"user", s.user ? json{{"sub", s.user->sub},
                               {std::string(core::root_key::name), s.user->name},
                               {std::string(core::root_key::picture), s.user->picture}}
                        : json()},
        {"notice", s.notice},
        {"accountError", s.account_error},
        {"error", s.current == phase::error ? json{{"message", s.error_message},
                                                   {"retry", retries[static_cast<int>(s.retry)]},
                                                   {"retryIn", retry_wait_s(s)}}
                                            : json()},
        {"reviewOpen", s.review_open},
        {"draftRestored", s.draft_restored},
        {"savesSent", s.saves_sent},
        {"focused", s.focused},
        {"language", s.language.current},
        {"dir", core::is_rtl_language(s.language.current) ? "rtl" : "ltr"},
        {"languageSave",
         {{"saving", s.language.saving}, {"failed", s.language.save_failed}, {"sent", s.language.saves_sent}}},
        {"avatar",
         {{"state", avatar_states[static_cast<int>(s.avatar.state)]},
          {"url", s.avatar.url},
          {"initials", initials(s.user ? s.user->name : std::string())}}},
    };
    if (s.profile) {
        json values = json::object();
        for (const auto& [id, v] : s.draft) values[id] = v;
        json saved = json::object();
        for (const auto& [id, v] : s.profile->values) saved[id] = v;
        json errors = json::object();
        json read_only = json::object();
        for (const auto& f : s.profile->fields) {
            if (const auto e = field_error(s, f.id); !e.empty()) errors[f.id] = e;
            if (!f.editable) read_only[f.id] = f.reason;
        }
        j["profile"] = {{"version", s.profile->version},
                        {std::string(core::root_key::email), s.profile->email},
                        {"saved", saved},
                        {"identity", s.profile->identity_label}};
        j["draft"] = values;
        j["changed"] = changed_fields(s);
        j["errors"] = errors;
        j["readOnly"] = read_only;
        j["focusOrder"] = focus_order(s);
    }
    json conflicts = json::array();
    for (const auto& c : s.conflicts) {
        conflicts.push_back(
            {{"id", c.id}, {"mine", c.mine}, {"theirs", c.theirs}, {"choice", choices[static_cast<int>(c.chosen)]}});
    }
    j["conflicts"] = conflicts;
    j["account"] = account_to_json(s);
    j["devices"] = devices_mirror(s);  // what the section shows; handles only in its action ids
    j["devices"]["farewell"] = s.devices.farewell;
    // Code points as numbers: what the atlas draws beyond its base font, what
    // no font has, and how many requests are out.
    j["glyphs"] = {{"inAtlas", std::vector<unsigned>(s.glyphs.in_atlas.begin(), s.glyphs.in_atlas.end())},
                   {"missing", std::vector<unsigned>(s.glyphs.missing.begin(), s.glyphs.missing.end())},
                   {"pending", s.glyphs.in_flight.size()}};
    return j;
}

}  // namespace profiledesk::app
