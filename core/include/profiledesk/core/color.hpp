// Colours and WCAG 2.2 contrast (1.4.3 text 4.5:1, 1.4.11 UI components 3:1):
// the themes (theme.hpp) and the operator's BRAND_ACCENT are checked and
// adjusted with these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

struct rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const rgb& a, const rgb& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
};

inline constexpr double text_contrast = 4.5;       // WCAG 1.4.3, normal text
inline constexpr double component_contrast = 3.0;  // WCAG 1.4.11, borders, focus, controls

// "#rrggbb" (either case), exactly; nullopt for anything else.
std::optional<rgb> parse_hex_color(std::string_view text);
std::string to_hex(rgb colour);  // "#rrggbb", lowercase

// WCAG 2.2's relative luminance (sRGB, 0 black .. 1 white) and contrast
// ratio (1 .. 21, symmetric).
double relative_luminance(rgb colour);
double contrast_ratio(rgb a, rgb b);

// `over` at `alpha` (0..1) on `under`.
rgb mix(rgb over, rgb under, double alpha);

// `colour` when it has at least `min_ratio` against `background`; else the
// least change toward black or toward white that has it (the direction that
// gets there first). So a brand colour keeps its hue in both themes.
rgb with_contrast(rgb colour, rgb background, double min_ratio);

// Black or white, whichever reads better on `fill` (text on a button).
rgb text_on(rgb fill);

}  // namespace profiledesk::core
