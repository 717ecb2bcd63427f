#include "profiledesk/core/complex_text.hpp"

#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace profiledesk::core {

namespace {

// [first, last], ascending and disjoint (complex_text_test checks it).
constexpr std::array<std::pair<char32_t, char32_t>, 27> complex_ranges = {{
    {0x0300, 0x036F},    // combining diacritical marks
    {0x0483, 0x0489},    // Cyrillic combining marks
    {0x0590, 0x08FF},    // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic extensions
    {0x0900, 0x0DFF},    // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    {0x0E00, 0x0FFF},    // Thai, Lao, Tibetan
    {0x1000, 0x109F},    // Myanmar
    {0x1100, 0x11FF},    // Hangul jamo (conjoining: they form syllables)
    {0x1700, 0x18AF},    // Philippine scripts, Khmer, Mongolian
    {0x1900, 0x1AFF},    // Limbu, Tai Le, New Tai Lue, Khmer symbols, Buginese, Tai Tham, combining marks ext.
    {0x1B00, 0x1C4F},    // Balinese, Sundanese, Batak, Lepcha
    {0x1CD0, 0x1CFF},    // Vedic extensions
    {0x1DC0, 0x1DFF},    // combining diacritical marks supplement
    {0x200C, 0x200F},    // ZWNJ, ZWJ, LRM, RLM
    {0x202A, 0x202E},    // bidi embeddings and overrides
    {0x2066, 0x2069},    // bidi isolates
    {0x20D0, 0x20FF},    // combining marks for symbols
    {0xA800, 0xA82F},    // Syloti Nagri
    {0xA840, 0xA8FF},    // Phags-pa, Saurashtra, Devanagari extended
    {0xA900, 0xA9FF},    // Kayah Li, Rejang, Hangul jamo ext. A, Javanese, Myanmar ext. B
    {0xAA00, 0xAAFF},    // Cham, Myanmar ext. A, Tai Viet, Meetei Mayek ext.
    {0xABC0, 0xABFF},    // Meetei Mayek
    {0xD7B0, 0xD7FF},    // Hangul jamo extended B
    {0xFB1D, 0xFDFF},    // Hebrew and Arabic presentation forms A
    {0xFE20, 0xFE2F},    // combining half marks
    {0xFE70, 0xFEFE},    // Arabic presentation forms B
    {0x10800, 0x11FFF},  // right-to-left and Brahmic scripts of the SMP (Phoenician ... Grantha, Ahom ...)
    {0x1E800, 0x1EFFF},  // Mende Kikakui, Adlam, Arabic mathematical symbols
}};

}  // namespace

bool needs_complex_layout(char32_t cp) {
    const auto it = std::upper_bound(complex_ranges.begin(), complex_ranges.end(), cp,
                                     [](char32_t c, const std::pair<char32_t, char32_t>& r) { return c < r.first; });
    return it != complex_ranges.begin() && cp <= std::prev(it)->second;
}

bool is_complex_text(std::string_view utf8) {
    const std::u32string cps = decode_utf8_replacing(utf8);
    return std::any_of(cps.begin(), cps.end(), needs_complex_layout);
}

}  // namespace profiledesk::core
