// The UI font. Nothing is embedded: until DejaVu Sans arrives from the site
// (/web/fonts/DejaVuSans.ttf, fetched at start) ImGui's built-in font draws.
// Either way the atlas is rasterised at the real pixel size (size x
// devicePixelRatio, shown at io.FontGlobalScale = 1/ratio), and rebuilt when
// the ratio changes, so text stays crisp on high-density screens.
#pragma once

namespace profiledesk::app::platform {

// Starts the download; `on_done` runs on the main thread once it ends
// (arrived or failed: the built-in font stays then).
void start_font_download(const char* url, void (*on_done)());

// Before ImGui's NewFrame: (re)builds the atlas when the font arrived or the
// pixel ratio changed. True when it did (the GL font texture must then be
// made again).
bool update_fonts(double pixel_ratio);

// What the atlas holds now, for the test hook.
float font_pixel_size();   // rasterised size in device pixels
const char* font_name();   // "builtin" or "DejaVu Sans"

}  // namespace profiledesk::app::platform
