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

#include <cstddef>
#include <string>
#include <string_view>

namespace profiledesk::app::platform {

struct laid_out_text {
    ImTextureID texture = nullptr;  // white on transparent; nullptr when it could not be made
    ImVec2 size{0, 0};              // in ImGui units (CSS pixels)
    bool rtl = false;               // base direction by the first strong character (UAX #9 P2-P3), as dir="auto"
    // The texture is larger than `size` where ink leaves the line box (marks
    // above a Thai vowel, a Devanagari descender): it is drawn from
    // pos + texture_offset, texture_size large, ImGui units too.
    ImVec2 texture_offset{0, 0};
    ImVec2 texture_size{0, 0};
};

// `utf8` laid out at ImGui's current font size, wrapped at `wrap_width` (0:
// one line). The reference stays valid until the next frame.
const laid_out_text& browser_text(std::string_view utf8, float wrap_width = 0.0f);

// The same at `font_size` (ImGui units) instead of the current font size
// (the avatar's initials are larger than the text around them).
const laid_out_text& browser_text_sized(std::string_view utf8, float font_size, float wrap_width = 0.0f);

// Draws browser_text(utf8, wrap_width) with its top-left corner at `pos`.
void draw_browser_text(ImDrawList* list, ImVec2 pos, ImU32 color, std::string_view utf8, float wrap_width = 0.0f);

// Draws a layout made above (its texture's ink where it lies) at `pos`.
void draw_laid_out_text(ImDrawList* list, ImVec2 pos, ImU32 color, const laid_out_text& t);

// ---- For the platform layer (main.cpp, fonts.cpp) ----

// A font the atlas uses becomes one the page lays out with too: `is_base`
// for the UI font (first in the stack), otherwise a subset from
// /fonts/glyphs (after the others, in arrival order). The bytes are copied.
void add_browser_font(const unsigned char* ttf, std::size_t size, bool is_base);

// A font finished loading in the page since the last frame: the cache is
// out of date, a frame must be drawn (main.cpp's should_draw).
bool browser_text_stale();

// At the start of each frame: drops every layout when the fonts or the
// pixel ratio changed since they were made.
void update_browser_text(double pixel_ratio);

// For the test hook: the CSS font-family list the page lays text out with,
// the em size (CSS pixels) of a given ImGui font size.
std::string browser_font_stack();
int browser_fonts_loading();  // fonts given to the page and not loaded yet
float browser_text_em(float font_size);

}  // namespace profiledesk::app::platform
