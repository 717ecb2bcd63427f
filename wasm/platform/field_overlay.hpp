// The browser's own text field over a canvas field (issue 15, design (b)):
// while a field whose text needs the browser's layout is edited
// (app/field_overlay_rules.hpp decides when), a DOM <input> (single line) or
// <textarea> (multi-line) with dir="auto" lies exactly over the ImGui
// field's frame, in its font, size, colour and padding, with a transparent
// background so the canvas's frame shows through. The browser then shapes
// as one types, moves the caret and selection in bidi order, and handles
// the clipboard and IME; every input event becomes the draft through the
// controller (the `edit` handler), so validation, the unsaved-changes state
// and saving are those of any field.
//
// Keys typed in it are its own: wasm/js/field_overlay.js stops them before
// Emscripten's GLFW sees them (GLFW cancels Backspace and Tab), except the
// app's own (overlay_app_key), which go to the `key` handler.
#pragma once

#include "app/controller.hpp"

#include <imgui.h>

#include <functional>
#include <string>

namespace profiledesk::app::platform {

struct field_overlay_handlers {
    // The overlay's text after an input event (typing, deleting, a paste, an IME commit).
    std::function<void(const std::string& id, const std::string& text)> edit;
    // A key the app handles (Tab, Enter, Esc, Ctrl/Cmd+S); true when it took it.
    std::function<bool(key_press)> key;
};

// Call before glfwInit(): the overlay's key listeners must run before the
// ones Emscripten's GLFW adds on window (same phase: registration order).
void install_field_overlay(field_overlay_handlers h);

// The field the overlay edits ("" when it is closed).
const std::string& field_overlay_field();
// The overlay is open and holds the keyboard.
bool field_overlay_has_focus();

// Where and how the overlay is drawn: the field's frame and its window's
// visible region (ImGui units, CSS pixels from the canvas's corner).
struct field_overlay_look {
    ImVec2 frame_min, frame_max;
    ImVec2 clip_min, clip_max;
    std::string font_family;  // a CSS font-family list
    float font_size = 0;      // CSS pixels
    float line_height = 0;    // ImGui's, between the lines of a multi-line field
    ImVec2 padding;
    ImU32 text_colour = 0;
};

// Opens the overlay over field `id` (labelled `label` for assistive
// technology) holding `text`, with the keyboard, the selection from code
// point `select_start` to `select_end` (the caret at the end).
void open_field_overlay(const std::string& id, const std::string& label, const std::string& text, bool multi_line,
                        int select_start, int select_end, const field_overlay_look& look);
// Each frame while open: follow the field; `text` is the draft's, taken
// when it changed elsewhere (the form mirror, a save's answer).
void place_field_overlay(const field_overlay_look& look, const std::string& text);
void close_field_overlay();
// Around the frame's views: an overlay whose field was not drawn (neither
// opened nor placed) in between closes at the end.
void begin_field_overlay_frame();
void end_field_overlay_frame();
// Characters typed before the overlay took the keyboard, still queued
// (platform/input.cpp): inserted at its caret, as typing would.
void type_into_field_overlay(const std::string& utf8);

}  // namespace profiledesk::app::platform
