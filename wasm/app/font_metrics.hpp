// The em size of a TrueType font loaded at a given pixel height. ImGui (like
// stb_truetype) sizes a font so that ascent - descent (hhea) fills the pixel
// height; fonts differ in that ratio (DejaVu Sans 1.16 em, Droid Sans Fallback
// more), so glyphs merged from another font at the same "size" come out
// smaller or larger. Merging each at the pixel height that gives the base
// font's em draws ideographs and Latin letters at one scale.
#pragma once

#include <cstddef>

namespace profiledesk::app {

// Pixels per em of `ttf` loaded at `pixel_height`; 0 when the bytes are not a
// TrueType/OpenType font with head and hhea tables.
float em_pixels(const unsigned char* ttf, std::size_t size, float pixel_height);

}  // namespace profiledesk::app
