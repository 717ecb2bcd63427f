// Where items go in a row, in the page's reading direction. A view lays a
// row out as if it read left to right ("this button starts 330 px from the
// row's start"); when the current language reads right to left
// (app::current_messages().rtl()) the same numbers place it mirrored, so
// the whole page reads from the right: labels right of their fields, the
// header's avatar at the right, the bar's buttons at the left in reversed
// order. One set of numbers per view, not a copy of each view per direction.
//
// Coordinates are ImGui screen positions (ImGui::GetCursorScreenPos()).
#pragma once

#include <imgui.h>

#include <string>

namespace profiledesk::app::views {

// Whether the page reads right to left (the current language's direction).
bool page_rtl();

// A horizontal stretch items are laid out in: a column, a window's content,
// a group's width.
struct row_span {
    float left = 0;
    float right = 0;
    float width() const { return right - left; }
    // The screen x of an item `w` wide whose leading edge lies `offset` from
    // the row's start: its left edge read left to right, its right edge
    // read right to left.
    float x(float offset, float w) const;
};

// From the cursor to the right edge of the content region (the column's or
// the window's) on the current line.
row_span row_here();

// The next item, `w` wide, `offset` from the row's start: on a new line
// (the cursor must be at a line's start), or on the last item's line.
void row_start(const row_span& row, float offset, float w);
void same_line_at(const row_span& row, float offset, float w);

// The next item, `w` wide, at the start of the current line (its left read
// left to right, flush right read right to left): one line of text.
void start_of_line(float w);

// The next item, `w` wide, after the last one in reading order, `spacing`
// apart (ImGui's item spacing when negative): ImGui::SameLine(0, spacing),
// mirrored.
void same_line_after(float w, float spacing = -1);

// A heading or label: one line at the reading start when it fits the
// line, else wrapped at the content region's edge (views/text.hpp aligns
// wrapped lines to the reading start too): a longer translation never runs
// past a narrow screen.
void line_or_wrapped(const ImVec4& colour, const std::string& s, const std::string& hook_id);

}  // namespace profiledesk::app::views
