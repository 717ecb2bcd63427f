// When a text field is edited in the browser's own text field instead of
// ImGui's (issue 15, design (b)): a field whose text needs the browser's
// layout (core::is_complex_text: right-to-left, joining or reordering
// scripts) is edited in a DOM <input>/<textarea> laid exactly over its
// frame (platform/field_overlay), so shaping as one types, bidi caret
// movement, selection, clipboard and IME are the browser's. ImGui's
// InputText moves its caret one code point at a time, left to right, which
// is wrong for those scripts.
//
// Pure decisions, unit-tested natively (tests/unit/app/field_overlay_rules_test.cpp):
// whether a field's text belongs in the overlay, what happens to the
// overlay each frame, and which keys typed in it are the app's.
#pragma once

#include "app/app_state.hpp"
#include "app/controller.hpp"

#include <optional>
#include <string_view>

namespace profiledesk::app {

// An editable single- or multi-line field whose text the atlas cannot draw.
// Dates and numbers stay in ImGui: their filters allow ASCII only.
bool edits_in_browser(const form_field& f, std::string_view text);

// What one frame knows about one field, for overlay_step_for.
struct overlay_frame {
    bool overlay_here = false;         // the overlay is open on this field
    bool browser_text = false;         // edits_in_browser(field, its text now)
    bool focus_moved_in = false;       // the app moved the focus here (Tab, Enter, Esc's revert)
    bool clicked = false;              // ImGui's field was activated this frame (a click)
    bool edited_in_imgui = false;      // ImGui's field changed the text this frame (typed, pasted)
    bool visible = true;               // some of the field's frame lies in its window's visible region
    bool mirror_has_keyboard = false;  // the form mirror's DOM input edits it already
};

enum class overlay_step {
    none,    // leave things as they are (ImGui edits, or nothing does)
    open,    // open the overlay over this field, with the keyboard, from ImGui's caret
    follow,  // keep it over the field (it may have moved: scrolling, resizing)
    close,   // give the keyboard back to the canvas
};

overlay_step overlay_step_for(const overlay_frame& f);

// A key pressed in the overlay that the app handles itself, as in an
// ordinary field (Tab/Shift+Tab, Enter, Esc, Ctrl/Cmd+S; `command` is Ctrl,
// or Cmd on macOS); nothing for the keys the browser's field handles
// (typing, arrows, Home/End, Backspace/Delete, selection, clipboard, undo).
// `dom_key` is KeyboardEvent.key.
std::optional<key_press> overlay_app_key(std::string_view dom_key, bool shift, bool command, bool alt);

// Whether the overlay closes after the app took `k`: the focus moves away
// (Tab, Enter) or the field is reloaded (Esc reverts it; the focus request
// that follows reopens it with the loaded text when that is complex too).
bool overlay_leaves_on(key_press k);

}  // namespace profiledesk::app
