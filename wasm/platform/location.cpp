#include "platform/location.hpp"

#include <cstdlib>

extern "C" {
// location.js
char* pd_js_location_search();  // malloc'd
void pd_js_replace_url(const char* url);
}

namespace profiledesk::app::platform {

std::string location_search() {
    char* p = pd_js_location_search();
    if (p == nullptr) return {};
    std::string text(p);
    std::free(p);
    return text;
}

void replace_url(const std::string& url) { pd_js_replace_url(url.c_str()); }

}  // namespace profiledesk::app::platform
