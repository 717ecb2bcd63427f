// The avatar placeholder: a name's initials.
#include "app/controller.hpp"

#include "profiledesk/core/utf8.hpp"

#include <cctype>
#include <string>
#include <vector>

namespace profiledesk::app {

namespace {

// Brahmic blocks from Devanagari (U+0900) to Sinhala (U+0DFF) share one
// layout, inherited from ISCII: within each 128 code points, the signs
// that attach to a consonant sit at the same offsets, the virama at 0x4D.
bool in_brahmic_block(char32_t c) { return c >= 0x0900 && c <= 0x0DFF; }

// A code point that belongs with the letter before it (a combining mark, a
// vowel sign, a Thai tone mark or SARA AM, a joiner, a variation selector):
// an initial keeps them, or it would show a consonant without its vowel,
// or a lone mark. Not the whole of UAX #29, but its cases for names.
bool extends_letter(char32_t c) {
    if (in_brahmic_block(c)) {
        const unsigned o = static_cast<unsigned>(c) & 0x7F;
        return o <= 0x03 || (o >= 0x3A && o <= 0x4F && o != 0x3D) || (o >= 0x51 && o <= 0x57) || o == 0x62 || o == 0x63;
    }
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
           (c >= 0x0591 && c <= 0x05C7 && c != 0x05BE && c != 0x05C0 && c != 0x05C3 && c != 0x05C6) ||
           (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0E31 ||
           (c >= 0x0E33 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E) || c == 0x0EB1 ||
           (c >= 0x0EB3 && c <= 0x0EBC) || (c >= 0x0EC8 && c <= 0x0ECD) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || c == 0x200C || c == 0x200D || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F);
}

// After a virama, a consonant of the same script joins the cluster (a
// conjunct: क + ् + ष is one letter, क्ष).
bool joins_after(char32_t prev, char32_t c) {
    return in_brahmic_block(prev) && (static_cast<unsigned>(prev) & 0x7F) == 0x4D && in_brahmic_block(c) &&
           (prev & ~0x7Fu) == (c & ~0x7Fu) && !extends_letter(c);
}

}  // namespace

std::string initials(const std::string& name) {
    std::vector<std::u32string> firsts;  // each a whole letter: base and what extends it
    bool at_word_start = true;
    bool in_first = false;  // still in a word's first letter
    for (const char32_t c : core::decode_utf8_replacing(name)) {
        const bool space = c == U' ' || c == U'\t' || c == U'\n';
        const bool punct = c < 0x80 && !std::isalnum(static_cast<int>(c));
        if (space) {
            at_word_start = true;
            in_first = false;
        } else if (in_first && (extends_letter(c) || joins_after(firsts.back().back(), c))) {
            firsts.back() += c;
        } else if (at_word_start && !punct) {
            firsts.push_back(
                std::u32string(1, c < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c));
            at_word_start = false;
            in_first = true;
        } else if (!punct) {
            at_word_start = false;
            in_first = false;
        } else {
            in_first = false;
        }
    }
    if (firsts.empty()) return "?";
    if (firsts.size() == 1) return core::encode_utf8(firsts.front());
    return core::encode_utf8(firsts.front() + firsts.back());
}

}  // namespace profiledesk::app
