// The UI font. Nothing is embedded: until DejaVu Sans arrives from the site
// (/web/fonts/DejaVuSans.ttf, fetched at start) ImGui's built-in font draws.
// Either way the atlas is rasterised at the real pixel size (size x
// devicePixelRatio, shown at io.FontGlobalScale = 1/ratio), and rebuilt when
// the ratio changes, so text stays crisp on high-density screens. Characters
// of other scripts are merged in as small subsets arrive (add_glyph_font).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <string>
#include <vector>

namespace profiledesk::app::platform {

// The sizes (CSS pixels) the atlas holds the UI font at, one ImFont each,
// in this order (the views' type scale, views/theme.hpp); the first is the
// default font. Set before the first update_fonts.
void set_font_sizes(std::vector<float> css_sizes);

// The atlas's font in slot `index` of set_font_sizes (the built-in font,
// which has one size, for every slot until DejaVu Sans arrives).
ImFont* type_font(std::size_t index);

// Starts the download; `on_done` runs on the main thread once it ends
// (arrived or failed: the built-in font stays then).
void start_font_download(const char* url, void (*on_done)());

// Before ImGui's NewFrame: (re)builds the atlas when the font arrived or the
// pixel ratio changed. True when it did (the GL font texture must then be
// made again).
bool update_fonts(double pixel_ratio);

// A subset font from GET /fonts/glyphs drawing exactly `codepoints`: merged
// into the UI font at the next update_fonts (which then rebuilds the atlas).
void add_glyph_font(const std::string& ttf_bytes, const std::vector<char32_t>& codepoints);

// Of the code points added that way, those the built atlas draws (test hook).
std::vector<char32_t> merged_glyphs();

// What the atlas holds now, for the test hook.
float font_pixel_size();  // the default font's rasterised size in device pixels
const char* font_name();  // "builtin" or "DejaVu Sans"

// The UI font's em per pixel of ImGui font size (ascent - descent fills the
// size: 0.86 for DejaVu Sans), so that the page lays text out at the same
// scale (platform/browser_text); 1 until the font arrives.
float font_em_ratio();

}  // namespace profiledesk::app::platform
