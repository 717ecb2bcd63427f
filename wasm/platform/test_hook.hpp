// Where the views drew each widget, for the form mirror (its controls lie
// over them) and the read-only test hook (documented in README.md):
//   window.profileDesk.state()      the app state as JSON (state_to_json)
//   window.profileDesk.itemRect(id) {x, y, w, h, visible} in CSS pixels of the
//                                   widget with that stable id, or null
//   window.profileDesk.textSelection()  the active canvas text field's
//                                   {id, start, end, cursor} in characters, or null
//   window.profileDesk.textRects()  where each recorded text was drawn
//   window.profileDesk.texts()      {id: text} of every recorded text
// shell/loader.js defines them over the exported pd_state_json(),
// pd_item_rects(), pd_text_selection(), pd_text_rects() and pd_texts().
// Views record every frame.
#pragma once

#include "app/app_state.hpp"

#include <optional>
#include <string>

namespace profiledesk::app {

// The state the hook reports (the app registers its one state at start-up).
void expose_state_to_test_hook(const app_state* s);

namespace platform {
// Forget last frame's rectangles (call before drawing a frame).
void begin_item_rects();
// The last ImGui item's rectangle under `id` ("field:name", "button:save", ...).
void record_item(const std::string& id);
// The last item is the active text field `id`: keep its selection.
void record_text_selection(const std::string& id);

struct item_box {
    float x, y, w, h;
};

// A text `s` drawn in `at` (ImGui units: CSS pixels), by the browser's layout
// or the atlas (views/text.cpp), under `id` ("label:name", "value:name");
// `box`: what it must fit in (its window's visible region, a button's
// frame). The current window's root names the layer it is drawn on (the
// editor, a dialog) for the tests' overlap checks.
void record_text(const std::string& id, item_box at, bool browser, bool rtl, std::string_view s, item_box box);
// The part of `id` visible in the last frame (clipped to its window), if any.
std::optional<item_box> item_rect(const std::string& id);
}  // namespace platform

}  // namespace profiledesk::app
