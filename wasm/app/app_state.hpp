// The app's whole state, owned by the app and rendered by the views each
// frame. Plain data: the controller (controller.hpp) is the only writer.
#pragma once

#include "app/account_state.hpp"
#include "app/devices_state.hpp"
#include "app/glyphs.hpp"
#include "app/keyed_text.hpp"
#include "app/language_state.hpp"
#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/profile_diff.hpp"
#include "profiledesk/core/theme.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::app {

// loading: asking /api/session or /api/profile; signed_out: the welcome
// panel; editing: the form; saving: a PATCH in flight; conflict: the 409
// dialog; error: a failure with Retry (the draft is kept).
enum class phase { loading, signed_out, editing, saving, conflict, error };
std::string_view to_string(phase p);

// How a field is edited, derived from the schema (root attributes are single
// lines; email is shown, never edited).
enum class widget { single_line, multi_line, checkbox, combo, date, number, read_only };

struct session_user {
    std::string sub, name, picture, connection;
};

// One field of the form, in visual order.
struct form_field {
    std::string id;  // "name", "email", "user_metadata.city"
    std::string label;
    widget kind = widget::single_line;
    bool editable = true;
    std::string reason;  // why it is read-only
    std::string help, placeholder;
    std::string key;  // metadata fields: the user_metadata key ("" for the rest)
};

struct form_section {
    std::string label;             // "" for the account section
    std::vector<std::string> ids;  // field ids in visual order
};

// GET /api/profile as the app keeps it.
struct loaded_profile {
    std::string version;
    nlohmann::json view;  // the whole answer, for reference
    core::field_schema schema;
    core::field_values values;  // core::editable_values shape, plus "email"
    std::vector<form_field> fields;
    std::vector<form_section> sections;
    std::string email;           // shown, never edited
    std::string identity_label;  // "Google"
    bool social = false;

    const form_field* field(const std::string& id) const;
    // The schema's definition of a metadata field, or nullptr for the rest.
    const core::field_def* def_of(const form_field& f) const;
};

struct conflict_item {
    enum class choice { undecided, mine, theirs };
    std::string id, label;
    nlohmann::json mine, theirs;
    choice chosen = choice::undecided;
};

// What a failed request was, so Retry repeats it.
enum class retry_action { none, load_session, load_profile, save };

struct avatar_state {
    enum class status { none, loading, ready, failed };
    status state = status::none;
    std::string url;
    int width = 0, height = 0;
};

struct app_state {
    bool ready = false;         // the first frame has been drawn
    unsigned long frames = 0;   // frames drawn so far (rendering is on demand: none while idle)
    bool idle = false;          // the last animation frame drew nothing: nothing changed
    float font_pixel_size = 0;  // the UI font as rasterised, in device pixels (size x devicePixelRatio)
    std::string font;           // "builtin" until the served font arrives
    // The theme in effect: the person's choice in this browser, else the
    // system's prefers-color-scheme (platform/theme_bridge.hpp).
    core::theme_kind theme = core::theme_kind::light;
    phase current = phase::loading;
    keyed_text status_text{"status.loading_profile"};  // by key: shown in the language of the moment
    // The site's brand (platform/site.hpp reads it from the page at start):
    // the welcome heading, and where "Get help" links go (empty: none).
    std::string brand_name = "Profile Desk";
    std::string support_url;

    std::optional<session_user> user;
    std::string csrf_token;
    std::optional<loaded_profile> profile;
    core::field_values draft;  // what the form shows; diff(profile->values, draft) is the change
    // The text last typed into each text-like field: shown while it still
    // means the draft's value ("1." for 1), so widgets never rewrite it.
    std::map<std::string, std::string> typed;
    std::map<std::string, std::string> client_errors;  // as the person types (core validation)
    std::map<std::string, std::string> server_errors;  // from a 400 validation_failed
    std::vector<conflict_item> conflicts;
    std::string conflict_version;  // the version the server had at the 409

    std::string error_message;  // phase::error
    retry_action retry = retry_action::none;
    // The clock (seconds, monotonic), brought up to date by the platform
    // before each event and frame; Retry waits until retry_at_s (the
    // server's Retry-After, counted from the failed answer).
    double now_s = 0;
    double retry_at_s = 0;
    std::string notice;  // "Saved 3 changes." until the next edit
    // A banner: a failed sign-out (until the next try), or why the account's
    // sessions ended (blocked, deleted) on the welcome panel.
    std::string account_error;
    bool review_open = false;
    bool draft_restored = false;  // the draft came back from the tab's storage: unsaved
    int saves_sent = 0;

    std::string focused;        // the field that has keyboard focus
    std::string focus_request;  // a field the view must focus on its next frame
    // The accessibility mirror (form_mirror.hpp) holds the keyboard: the
    // canvas's text field `id` shows its text with this selection (UTF-8
    // bytes) once active, then the view reports it done.
    struct caret_request {
        std::string id;
        std::size_t start = 0, end = 0;
    } caret;
    avatar_state avatar;
    glyph_state glyphs;  // characters beyond the base font, fetched as they are shown
    // Where you're signed in, the data export, deleting the account (devices.hpp).
    devices_state devices;
    // "Sign-in and security": email and password changes (controller_account.hpp).
    account_state account;
    // The language the app shows and the saving of a choice (language.hpp).
    language_state language;
};

// The state as JSON, for the test hook window.profileDesk.state().
nlohmann::json state_to_json(const app_state& s);

}  // namespace profiledesk::app
