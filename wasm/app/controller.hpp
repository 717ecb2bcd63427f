// The controller: every change to app_state goes through these functions.
// They never do I/O themselves: they return effects (requests, navigation,
// the tab's storage) that the platform layer carries out and answers by calling
// the matching on_* function. So the whole journey is testable natively.
//
// Implemented by job: controller_session.cpp (start, session, profile load,
// sign-out, avatar), controller_editing.cpp, controller_saving.cpp (save and
// the conflict dialog), controller_retry.cpp, controller_draft.cpp (the draft
// kept in the tab), controller_keyboard.cpp, initials.cpp; profile_form.cpp
// reads the profile view into the form. controller_steps.hpp holds the steps
// they share.
#pragma once

#include "app/app_state.hpp"
#include "net/api_result.hpp"

#include <string>
#include <vector>

namespace profiledesk::app {

struct effect {
    enum class kind {
        get_session,       // GET /api/session -> on_session
        get_profile,       // GET /api/profile -> on_profile
        patch_profile,     // PATCH /api/profile with `body` and the CSRF header -> on_save_result
        navigate,          // leave the page for `url` (sign-in, sign-out)
        store_draft,       // the tab's sessionStorage: keep `body` (draft_to_json)
        clear_draft,       // the tab's sessionStorage: forget the draft
        load_avatar,       // decode the image at `url` -> on_avatar
        get_glyphs,        // GET `url` (/fonts/glyphs?u=...) -> on_glyphs (glyphs.hpp)
        end_all_sessions,  // POST `url` (/api/session/end-all) with the CSRF header -> on_end_all_sessions
        end_session,       // POST `url` (/api/session/end) -> on_session_ended
        // Re-authentication (reauth.hpp) and the email and password steps (controller_account.hpp):
        store_step,           // the tab's sessionStorage: keep `body` under reauth_step_storage_key
        clear_step,           // the tab's sessionStorage: forget the kept step
        replace_url,          // the address bar shows `url` instead (history.replaceState; no navigation)
        start_email_change,   // POST `url` (/api/account/email) with `body`, CSRF -> on_email_change_result
        cancel_email_change,  // DELETE `url` (/api/account/email) with the CSRF header -> on_email_cancel_result
        change_password,      // POST `url` (/api/account/password) with `body`, CSRF -> on_password_change_result
        refresh_session,      // GET `url` (/api/session) -> on_session_refreshed (the renewed session's CSRF token)
        // Devices, export and deletion (devices.hpp):
        get_sessions,  // GET `url` (/api/sessions) -> on_sessions
        end_sessions,  // DELETE `url` (/api/sessions/{handle}, ?others=true) with the CSRF header -> on_sessions_ended
        delete_account,   // DELETE `url` (/api/account) with `body` and the CSRF header -> on_account_deleted
        download_export,  // GET `url`, saved by the browser under the server's file name -> on_export
        // Languages (language.hpp):
        load_catalog,       // fetch (once per page) en.json and `url` (a tag)'s catalog -> on_catalog
        set_page_language,  // <html lang dir> and the mirror's: `url` the tag, `body` "ltr" or "rtl"
        store_language,     // localStorage[language_storage_key] = `body` (this browser's choice)
        patch_language,     // PATCH /api/profile with `body` (only the language field), CSRF -> on_language_saved
        choose_theme,       // the person chose the theme `body` ("light", "dark"): remember it in this browser
    };
    kind what;
    std::string url;
    std::string body;
};
using effects = std::vector<effect>;

// The storage key of the draft. It lives in sessionStorage: it survives the
// sign-in round trip in the same tab (what restoring it after a session
// expiry needs) and dies with the tab; signing out clears it before. So the
// next person at a shared computer cannot read it.
inline constexpr const char* draft_storage_key = "profiledesk.draft";

// ---- Theme ----
// The header's toggle (and the form mirror's button for it): the other
// theme than the one in effect, chosen; the page then keeps it (choose_theme).
effects toggle_theme(app_state& s);
// What the toggle says: the theme it switches to (a button says what it does).
const std::string& theme_toggle_label(const app_state& s);

// ---- Start, session, profile ----
effects start(app_state& s);
effects on_session(app_state& s, const net::api_result& r);
// `stored_draft`: the tab's stored draft's text ("" when none). A 401
// account_blocked / account_deleted (here or on a save) shows why on the
// welcome panel and forgets the account's draft: no sign-in loop.
effects on_profile(app_state& s, const net::api_result& r, const std::string& stored_draft = {});
effects sign_in(app_state& s);
// Forgets the tab's draft, ends the session (a POST from our page), then
// goes to the provider's logout the answer names (on_session_ended).
effects sign_out(app_state& s);
effects on_session_ended(app_state& s, const net::api_result& r);
// Ends every session of the user (other devices too), then signs out here.
effects sign_out_everywhere(app_state& s);
effects on_end_all_sessions(app_state& s, const net::api_result& r);
void on_avatar(app_state& s, bool ok, int width = 0, int height = 0);

// ---- Editing ----
// The text a widget shows for `id` ("" for no value).
std::string field_text(const app_state& s, const std::string& id);
// The person typed `text` into a text-like field (single/multi line, date,
// number): turned into the draft value (an empty optional field is null) and
// validated at once.
void edit_text(app_state& s, const std::string& id, const std::string& text);
// A checkbox or combo: the value as is (bool, option value string, or null).
void edit_value(app_state& s, const std::string& id, const nlohmann::json& value);
// Back to the loaded value.
void revert_field(app_state& s, const std::string& id);
effects discard(app_state& s);

bool is_changed(const app_state& s, const std::string& id);
// The PATCH `changes` (core::diff of the loaded values and the draft).
nlohmann::json pending_changes(const app_state& s);
// Changed field ids, in visual order.
std::vector<std::string> changed_fields(const app_state& s);
// The message under a field: the server's, else the live validation's.
std::string field_error(const app_state& s, const std::string& id);
bool can_save(const app_state& s);
bool has_unsaved_changes(const app_state& s);

// Review: before -> after for each change, as text for a person.
struct review_line {
    std::string id, label, before, after;
};
std::vector<review_line> review(const app_state& s);
void open_review(app_state& s, bool open);

// ---- Saving ----
effects save(app_state& s);
effects on_save_result(app_state& s, const net::api_result& r);
void choose(app_state& s, const std::string& id, conflict_item::choice c);
bool conflicts_decided(const app_state& s);
effects resolve_conflicts(app_state& s);  // apply the choices and save again
effects retry(app_state& s);              // nothing while retry_wait_s > 0
// Whole seconds until Retry may be pressed (the server's Retry-After); 0 once it may.
int retry_wait_s(const app_state& s);
// "Retry", or "Retry in 3 s" while the server asks us to wait.
std::string retry_label(const app_state& s);

// ---- Draft kept in the tab ----
// {sub, version, base: {id: loaded value}, draft: {id: value}} for the changed fields.
std::string draft_to_json(const app_state& s);

// ---- Keyboard ----
enum class key { tab, enter, escape, save_shortcut, space, up, down, other };
struct key_press {
    key k = key::other;
    bool shift = false;
};
// Editable fields in visual order: the Tab order.
std::vector<std::string> focus_order(const app_state& s);
// True when the app (not the widget) handles this key in the current state:
// Tab/Shift+Tab, Enter in a single-line field, Esc in a field, Ctrl/Cmd+S,
// Space and arrows on a checkbox or combo; Esc in the review (closes it).
bool takes_key(const app_state& s, key_press k);
effects on_key(app_state& s, key_press k);
void set_focus(app_state& s, const std::string& id);

// ---- Glyphs for other scripts ----
// After any change: a get_glyphs effect for shown characters the font atlas
// lacks (take_glyph_request in glyphs.hpp), or nothing.
effects request_glyphs(app_state& s);

// ---- Avatar placeholder ----
// Up to two initials of `name` (first letters of the first and last words,
// each with the marks, vowel signs and conjunct that attach to it; upper-cased
// for ASCII); "?" when none.
std::string initials(const std::string& name);

}  // namespace profiledesk::app
