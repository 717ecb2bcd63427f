// "Your devices and your account" in the form mirror (form_mirror.hpp): the
// sessions as a table, the buttons, a live region for results, the deletion
// step with its confirmation field, and the farewell. shell/form_mirror.js
// (renderDevices) builds the DOM from it.
#pragma once

#include "app/app_state.hpp"

#include <nlohmann/json.hpp>

namespace profiledesk::app {

// The editor's "devices" member:
//   {heading, sessionsOpen, listStatus, sessions: [{device, address, started,
//    lastActive, current, action|null}], result, resultIsError, actions: [...],
//    delete: null | {title, lines, error, actions}}
// Actions are form_mirror's ({id, label, enabled, item}).
nlohmann::json devices_mirror(const app_state& s);

// The deletion's confirmation field, as a form_mirror field entry with
// "place": "devices" (the mirror puts it in the deletion step, not the
// form), or null while the step is closed.
nlohmann::json delete_confirm_entry(const app_state& s);

// The whole mirror once the account is deleted.
nlohmann::json farewell_mirror(const app_state& s);

// The same words on the canvas and in the mirror: catalog keys (tr()).
extern const char* const farewell_title;
extern const char* const farewell_text;
extern const char* const delete_explanation[3];
std::string delete_confirm_label(const app_state& s);

}  // namespace profiledesk::app
