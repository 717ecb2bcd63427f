#include "profiledesk/core/color.hpp"

#include <algorithm>
#include <cmath>

namespace profiledesk::core {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

double channel(std::uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::uint8_t to_byte(double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

}  // namespace

std::optional<rgb> parse_hex_color(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    int v[6];
    for (int i = 0; i < 6; ++i) {
        v[i] = hex_digit(text[static_cast<std::size_t>(i) + 1]);
        if (v[i] < 0) return std::nullopt;
    }
    return rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
               static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

std::string to_hex(rgb c) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "#";
    for (const std::uint8_t v : {c.r, c.g, c.b}) {
        out += digits[v >> 4];
        out += digits[v & 15];
    }
    return out;
}

double relative_luminance(rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast_ratio(rgb a, rgb b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

rgb mix(rgb over, rgb under, double alpha) {
    alpha = std::clamp(alpha, 0.0, 1.0);
    return {to_byte(over.r * alpha + under.r * (1 - alpha)), to_byte(over.g * alpha + under.g * (1 - alpha)),
            to_byte(over.b * alpha + under.b * (1 - alpha))};
}

rgb with_contrast(rgb colour, rgb background, double min_ratio) {
    if (contrast_ratio(colour, background) >= min_ratio) return colour;
    // The smallest step toward each end that reaches the ratio (1/256 steps:
    // contrast is monotonic along a mix toward black or white from here only
    // on the side away from the background, so both are tried).
    std::optional<std::pair<int, rgb>> best;
    for (const rgb end : {rgb{0, 0, 0}, rgb{255, 255, 255}}) {
        for (int step = 1; step <= 256; ++step) {
            const rgb c = mix(end, colour, step / 256.0);
            if (contrast_ratio(c, background) >= min_ratio) {
                if (!best || step < best->first) best = std::make_pair(step, c);
                break;
            }
        }
    }
    if (best) return best->second;
    return contrast_ratio(rgb{0, 0, 0}, background) > contrast_ratio(rgb{255, 255, 255}, background)
               ? rgb{0, 0, 0}
               : rgb{255, 255, 255};
}

rgb text_on(rgb fill) {
    return contrast_ratio(rgb{0, 0, 0}, fill) >= contrast_ratio(rgb{255, 255, 255}, fill) ? rgb{0, 0, 0}
                                                                                          : rgb{255, 255, 255};
}

}  // namespace profiledesk::core
