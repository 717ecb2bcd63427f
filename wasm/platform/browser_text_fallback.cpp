// Placeholder for platform/browser_text.hpp until the display half of issue
// 15 (branch h15-display) brings the browser's layout: the text is drawn
// with ImGui's atlas, as before. Delete this file (and its line in
// wasm/CMakeLists.txt) when merging that branch.
#include "platform/browser_text.hpp"

#include <string>

namespace profiledesk::app::platform {

const laid_out_text& browser_text(std::string_view utf8, float wrap_width) {
    static laid_out_text t;
    const std::string text(utf8);
    t.size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap_width > 0 ? wrap_width : -1.0f);
    t.rtl = false;
    return t;
}

void draw_browser_text(ImDrawList* list, ImVec2 pos, ImU32 color, std::string_view utf8, float wrap_width) {
    const std::string text(utf8);
    list->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, color, text.c_str(), nullptr, wrap_width);
}

}  // namespace profiledesk::app::platform
