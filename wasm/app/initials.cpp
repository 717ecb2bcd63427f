// The avatar placeholder: a name's initials.
#include "app/controller.hpp"

#include "profiledesk/core/utf8.hpp"

#include <cctype>
#include <string>

namespace profiledesk::app {

std::string initials(const std::string& name) {
    std::u32string firsts;
    bool at_word_start = true;
    for (const char32_t c : core::decode_utf8_replacing(name)) {
        const bool space = c == U' ' || c == U'\t' || c == U'\n';
        const bool punct = c < 0x80 && !std::isalnum(static_cast<int>(c));
        if (space) {
            at_word_start = true;
        } else if (at_word_start && !punct) {
            firsts += c < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c;
            at_word_start = false;
        } else if (!punct) {
            at_word_start = false;
        }
    }
    if (firsts.empty()) return "?";
    if (firsts.size() == 1) return core::encode_utf8(firsts);
    return core::encode_utf8(std::u32string{firsts.front(), firsts.back()});
}

}  // namespace profiledesk::app
