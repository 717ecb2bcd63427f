// The avatar placeholder: a name's initials.
#include "state/controller.hpp"

#include <cctype>
#include <vector>

namespace profiledesk::app {

std::string initials(const std::string& name) {
    std::vector<std::string> firsts;
    bool at_word_start = true;
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        const bool space = c == ' ' || c == '\t' || c == '\n';
        const bool punct = c < 0x80 && !std::isalnum(c);
        if (space) {
            at_word_start = true;
        } else if (at_word_start && !punct) {
            std::string cp = name.substr(i, len);
            if (cp.size() == 1) cp[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cp[0])));
            firsts.push_back(cp);
            at_word_start = false;
        } else if (!punct) {
            at_word_start = false;
        }
        i += len;
    }
    if (firsts.empty()) return "?";
    if (firsts.size() == 1) return firsts.front();
    return firsts.front() + firsts.back();
}

}  // namespace profiledesk::app
