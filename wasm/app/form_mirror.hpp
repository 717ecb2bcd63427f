// The form as the browser's own machinery sees it: a description of what the
// canvas shows (fields with label, value, read-only reason and error; the
// actions; an open dialog) that shell/form_mirror.js keeps as a visually
// hidden DOM form. Screen readers, browser tools and on-screen keyboards use
// that form; what a person does there comes back through the on_mirror_*
// functions, which change the state exactly as the canvas would.
#pragma once

#include "app/controller.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace profiledesk::app {

// {screen, heading, status, focused, fields: [...], actions: [...], dialog}.
// Field kinds are HTML's: text, textarea, checkbox, select, date, number; and for
// Sign-in and security (account_mirror.hpp) password and email-address.
// Only what a person can perceive: no ids of other users, no tokens.
nlohmann::json form_mirror(const app_state& s);

// The line beside Save, shared by the canvas and the mirror.
struct save_status {
    enum class tone { muted, warning, accent, success };
    tone shade = tone::muted;
    std::string text;
};
save_status status_line(const app_state& s);

// The description's "texts": the words shell/form_mirror.js adds of its own
// (group and list names, table headers, the action bar's name), looked up
// here so that the page has one catalog. {key: text}.
nlohmann::json mirror_texts();
// A conflicting value as a person reads it ("(empty)", "Yes"/"No", text).
std::string conflict_text(const nlohmann::json& v);

// Whether the form takes edits now (no dialog over it, a profile loaded).
bool form_accepts_edits(const app_state& s);

// A mirror control got the focus: the canvas focuses the same field.
void on_mirror_focus(app_state& s, const std::string& id);

// A mirror control's value changed to `value` (checkboxes "true"/"false",
// selects the option value, "" for none). For text fields, [start, end) is
// the selection in UTF-8 bytes, which the canvas's caret follows. False when
// the edit was refused (read-only field, dialog open, unknown option): the
// mirror then shows the state's value again.
bool on_mirror_edit(app_state& s, const std::string& id, const std::string& value, std::size_t start, std::size_t end);

// Only the caret or selection moved in a mirror text field.
void on_mirror_select(app_state& s, const std::string& id, std::size_t start, std::size_t end);

// A mirror button: "sign-in", "sign-out", "review", "close-review", "save",
// "discard", "retry", "resolve", "choose:<field>:mine|theirs". Actions the
// canvas would not offer now are ignored.
effects on_mirror_action(app_state& s, const std::string& action);

}  // namespace profiledesk::app
