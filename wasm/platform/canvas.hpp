// The canvas fills the page: its backing store follows the CSS size times
// devicePixelRatio, and ImGui sees CSS pixels.
#pragma once

namespace profiledesk::app::platform {

struct canvas_metrics {
    double css_width = 0, css_height = 0;  // layout size, CSS pixels
    double pixel_ratio = 1;                // devicePixelRatio
    int framebuffer_width = 0, framebuffer_height = 0;
};

// Resizes the canvas backing store when the page layout or the pixel ratio
// changed. Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen when
// the size equals the screen's.
canvas_metrics fit_canvas_to_page();

// After the GLFW backend's NewFrame: display size in CSS pixels, framebuffer
// scale, and the mouse (which Emscripten reports in backing-store pixels).
void apply_canvas_metrics_to_imgui(const canvas_metrics& m);

}  // namespace profiledesk::app::platform
