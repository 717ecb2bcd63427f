// Every static text the views draw goes through here, which picks its
// renderer per string: the font atlas (ImGui's own text: Latin, Greek,
// Cyrillic, CJK...) or, for a string core::is_complex_text() flags
// (right-to-left, joining, reordering scripts, combining marks), the
// browser's layout (platform/browser_text: shaped and in bidi order). A
// right-to-left string is right-aligned in its box where it has one (a
// wrapped paragraph, a field's frame, a button).
//
// `hook_id` (optional): the text's box and renderer go to the test hook
// (platform/test_hook.hpp, window.profileDesk.textRects()).
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

namespace profiledesk::app::views {

// As ImGui::TextUnformatted: one item at the cursor, wrapped at the pushed
// text wrap position (PushTextWrapPos) when there is one.
void text(std::string_view s, const std::string& hook_id = {});
void text_colored(const ImVec4& color, std::string_view s, const std::string& hook_id = {});
// One line in a box `box_width` wide starting at the cursor (a label
// column): right-aligned in it when right to left.
void text_in_box(std::string_view s, float box_width, const ImVec4& color, const std::string& hook_id = {});
// Wrapped at the window's right edge (ImGui::TextWrapped).
void text_wrapped(std::string_view s, const std::string& hook_id = {});
void text_wrapped_colored(const ImVec4& color, std::string_view s, const std::string& hook_id = {});

// The width `s` takes on one line, whichever renderer draws it.
float text_width(std::string_view s);

// True when `s` is drawn by the browser (the atlas cannot draw it right).
bool drawn_by_browser(std::string_view s);

// ImGui::Button whose label is `label` (no "##" ids in it), `id` its ImGui id.
bool text_button(std::string_view label, const char* id, ImVec2 size = ImVec2(0, 0));

// ImGui::Selectable (a combo's option) whose label is `label`, `id` its ImGui id.
bool text_selectable(std::string_view label, const char* id, bool selected);

// A value shown in the last item's frame (an InputText or a combo): when
// the browser draws `s`, the item was drawn with its own text hidden
// (transparent ImGuiCol_Text) and this draws `s` inside the frame, after the
// frame padding, right-aligned when right to left, clipped to the frame, in
// the current text colour. How an inactive complex value appears in a
// field. Atlas text was drawn by the item itself: only recorded then.
void value_in_last_frame(std::string_view s, const std::string& hook_id = {});

// The width a button needs for `label` (its padding included), `at_least` wide.
float button_width(std::string_view label, float at_least = 0);

// For the test hook only (window.profileDesk.texts()): text ImGui drew
// itself, recorded where it stands. A button's label (centred in the last
// item, as ImGui centres it; "##" and what follows are not shown); a text
// inside the last item's frame (a hint); a window's title bar.
void record_last_item_label(std::string_view label, const std::string& hook_id);
// As record_last_item_label, for a label ImGui puts at the item's start (a table header).
void record_last_item_label_left(std::string_view label, const std::string& hook_id);
void record_in_last_frame(std::string_view s, const std::string& hook_id);
void record_title(const std::string& hook_id, std::string_view title);

// ImGui::SameLine when a button labelled `label` still fits on this line,
// else nothing (it goes under): translations are longer than English.
void same_line_if_fits(std::string_view label);

// `s` on one line at the right end of the box from `min` to `max`, clipped
// to it (showing its end when too long): a value on a right-to-left page.
void text_at_end(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 color, std::string_view s,
                 const std::string& hook_id = {});

// `s` centred on `centre` at `font_size` (ImGui units), e.g. the avatar's initials.
void centred_text(ImDrawList* list, ImVec2 centre, float font_size, ImU32 color, std::string_view s,
                  const std::string& hook_id = {});

}  // namespace profiledesk::app::views
