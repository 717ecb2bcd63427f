#include "platform/canvas.hpp"

#include <emscripten/html5.h>
#include <imgui.h>

#include <cmath>

namespace profiledesk::app::platform {

canvas_metrics fit_canvas_to_page() {
    canvas_metrics m;
    emscripten_get_element_css_size("#canvas", &m.css_width, &m.css_height);
    m.pixel_ratio = emscripten_get_device_pixel_ratio();
    if (m.pixel_ratio <= 0) m.pixel_ratio = 1;
    const int want_w = static_cast<int>(std::lround(m.css_width * m.pixel_ratio));
    const int want_h = static_cast<int>(std::lround(m.css_height * m.pixel_ratio));
    int w = 0, h = 0;
    emscripten_get_canvas_element_size("#canvas", &w, &h);
    if (w != want_w || h != want_h) emscripten_set_canvas_element_size("#canvas", want_w, want_h);
    m.framebuffer_width = want_w;
    m.framebuffer_height = want_h;
    return m;
}

void apply_canvas_metrics_to_imgui(const canvas_metrics& m) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(m.css_width), static_cast<float>(m.css_height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(m.pixel_ratio), static_cast<float>(m.pixel_ratio));
    if (io.MousePos.x > -FLT_MAX && io.MousePos.y > -FLT_MAX) {
        io.MousePos.x /= static_cast<float>(m.pixel_ratio);
        io.MousePos.y /= static_cast<float>(m.pixel_ratio);
    }
}

}  // namespace profiledesk::app::platform
