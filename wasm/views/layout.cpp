#include "views/layout.hpp"

#include "app/i18n.hpp"
#include "views/text.hpp"

#include <imgui.h>

#include <cmath>

namespace profiledesk::app::views {
namespace {

// On a whole pixel, as ImGui places items: frames at fractions blur.
void set_x(float x) { ImGui::SetCursorScreenPos(ImVec2(std::floor(x), ImGui::GetCursorScreenPos().y)); }

}  // namespace

bool page_rtl() { return current_messages().rtl(); }

float row_span::x(float offset, float w) const { return page_rtl() ? right - offset - w : left + offset; }

row_span row_here() {
    const float left = ImGui::GetCursorScreenPos().x;
    return {left, left + ImGui::GetContentRegionAvail().x};
}

void row_start(const row_span& row, float offset, float w) { set_x(row.x(offset, w)); }

void same_line_at(const row_span& row, float offset, float w) {
    ImGui::SameLine();
    set_x(row.x(offset, w));
}

void start_of_line(float w) {
    if (page_rtl()) row_start(row_here(), 0, w);
}

void same_line_after(float w, float spacing) {
    if (spacing < 0) spacing = ImGui::GetStyle().ItemSpacing.x;
    if (!page_rtl()) {
        ImGui::SameLine(0, spacing);
        return;
    }
    const float before = ImGui::GetItemRectMin().x;
    ImGui::SameLine();
    set_x(before - spacing - w);
}

void line_or_wrapped(const ImVec4& colour, const std::string& s, const std::string& hook_id) {
    const float w = text_width(s);
    if (w <= ImGui::GetContentRegionAvail().x) {
        start_of_line(w);
        text_colored(colour, s, hook_id);
    } else {
        text_wrapped_colored(colour, s, hook_id);
    }
}

}  // namespace profiledesk::app::views
