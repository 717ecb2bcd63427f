// Text the browser lays out: a string core::is_complex_text() says the font
// atlas cannot draw (right-to-left, joining or reordering scripts, combining
// marks) is shaped, ordered by the Unicode Bidirectional Algorithm and
// rasterised by the page's Canvas 2D with the app's own fonts (DejaVu Sans
// and the subsets from /fonts/glyphs, registered as FontFaces), then drawn
// by ImGui as a texture, tinted like text. Issue 15's design (b): no shaping
// engine in the Wasm, so a Latin-only user downloads nothing more.
//
// Layouts are cached by (text, pixel size, wrap width) and made again when
// the fonts change (a subset arrived, the pixel ratio changed).
#pragma once

#include <imgui.h>

#include <string_view>

namespace profiledesk::app::platform {

struct laid_out_text {
    ImTextureID texture = nullptr;  // white on transparent; nullptr when it could not be made
    ImVec2 size{0, 0};              // in ImGui units (CSS pixels)
    bool rtl = false;               // base direction by the first strong character (UAX #9 P2-P3), as dir="auto"
};

// `utf8` laid out at ImGui's current font size, wrapped at `wrap_width` (0:
// one line). The reference stays valid until the next frame.
const laid_out_text& browser_text(std::string_view utf8, float wrap_width = 0.0f);

// Draws browser_text(utf8, wrap_width) with its top-left corner at `pos`.
void draw_browser_text(ImDrawList* list, ImVec2 pos, ImU32 color, std::string_view utf8, float wrap_width = 0.0f);

}  // namespace profiledesk::app::platform
