#include "platform/navigator_languages.hpp"

#include <cstdlib>
#include <sstream>

extern "C" {
// navigator_languages.js
char* pd_js_navigator_languages();  // malloc'd, one tag a line
}

namespace profiledesk::app::platform {

std::vector<std::string> navigator_languages() {
    char* p = pd_js_navigator_languages();
    if (p == nullptr) return {};
    std::istringstream lines(p);
    std::free(p);
    std::vector<std::string> tags;
    for (std::string tag; std::getline(lines, tag);) {
        if (!tag.empty()) tags.push_back(tag);
    }
    return tags;
}

}  // namespace profiledesk::app::platform
