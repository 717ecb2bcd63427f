// Keyboard input for ImGui 1.86, which has no input event queue: a key
// pressed and released between two frames would be lost, and characters
// typed right after a key (Backspace, then "x") would be applied before it.
// So key and character events are queued as they arrive and fed to ImGui in
// order, at most one change per key per frame, never a key after characters
// in the same frame; mouse buttons go through the same queue, so a click
// after typing never overtakes the typing. Keys the app itself handles (Tab, Enter, Esc, Ctrl/Cmd+S,
// ...) are given to `app_key` instead of ImGui.
#pragma once

#include "app/controller.hpp"

#include <functional>
#include <string>

struct GLFWwindow;

namespace profiledesk::app::platform {

// After ImGui_ImplGlfw_InitForOpenGL(window, true): takes over its key and
// character callbacks.
void install_input_queue(GLFWwindow* window);

// Whether any input arrived (keys, characters, buttons, moves, wheel,
// focus) since the last call: rendering on demand wakes on it.
bool take_input_activity();

// Events still queued for later frames, or a pause after the app moved
// focus: frames must keep coming until they are applied.
bool input_pending();

// UTF-8 text typed without key events (IME, mobile keyboards).
void queue_text(const std::string& utf8);

// Mouse wheel steps (a notch = 1; up and left positive, as ImGui counts).
void note_wheel(double x_steps, double y_steps);

// Touch scrolling (wasm/js/scroll.js): a finger dragging over the
// form scrolls it. The whole pixels dragged since the last call (CSS pixels,
// down positive).
float take_touch_scroll();
void touch_scroll(float px);

// macOS: Cmd reaches ImGui as Ctrl (and keys released while Cmd was held,
// which browsers never report there, are released with it).
void set_mac_command_mapping(bool on);

// A paste's text: it goes to the queued paste shortcut waiting for it (ImGui
// then pastes it through GetClipboardTextFn, answered by pasted_text()), or
// is typed as characters when no shortcut waits (a context-menu paste).
void paste_arrived(const std::string& utf8);
const char* pasted_text();

// The active text field's selection as ImGui's Ctrl+C/X would copy it, for a
// browser copy/cut event; false when ImGui will not copy, or when queued
// input could still change the selection.
bool selection_for_clipboard(bool cut, std::string& out);

// The app took a key outside the queue (the browser's field over a canvas
// field, platform/field_overlay.hpp) and may have moved the focus: input
// queued meanwhile waits for the focus to land, as after a key the queue gave it.
void hold_input_for_focus_change();

// Once per frame, before ImGui::NewFrame(). `app_key` answers whether the app
// took the key (then ImGui never sees it).
void pump_input(const std::function<bool(key_press)>& app_key);

// After ImGui_ImplGlfw_NewFrame(): the mouse buttons as the queue applied
// them (the backend reads the live button state, which skips the ordering).
void apply_mouse_buttons();

}  // namespace profiledesk::app::platform
