#include "app/font_metrics.hpp"

#include <cstdint>
#include <cstring>

namespace profiledesk::app {
namespace {

std::uint32_t u32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::int16_t i16(const unsigned char* p) { return static_cast<std::int16_t>(u16(p)); }

// The table `tag`'s bytes, or null when absent or shorter than `need`.
const unsigned char* table(const unsigned char* ttf, std::size_t size, const char* tag, std::size_t need) {
    if (size < 12) return nullptr;
    const std::size_t count = u16(ttf + 4);
    if (12 + count * 16 > size) return nullptr;
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned char* rec = ttf + 12 + i * 16;
        if (std::memcmp(rec, tag, 4) != 0) continue;
        const std::size_t offset = u32(rec + 8), length = u32(rec + 12);
        if (length < need || offset > size || size - offset < need) return nullptr;
        return ttf + offset;
    }
    return nullptr;
}

}  // namespace

float em_pixels(const unsigned char* ttf, std::size_t size, float pixel_height) {
    const unsigned char* head = table(ttf, size, "head", 54);
    const unsigned char* hhea = table(ttf, size, "hhea", 36);
    if (head == nullptr || hhea == nullptr) return 0;
    const int units_per_em = u16(head + 18);
    const int height = i16(hhea + 4) - i16(hhea + 6);  // ascender - descender (descender < 0)
    if (units_per_em <= 0 || height <= 0) return 0;
    return pixel_height * static_cast<float>(units_per_em) / static_cast<float>(height);
}

}  // namespace profiledesk::app
