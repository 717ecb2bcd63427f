#include "platform/test_hook.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace {
const profiledesk::app::app_state* exposed = nullptr;
}

namespace profiledesk::app {
void expose_state_to_test_hook(const app_state* s) { exposed = s; }
}  // namespace profiledesk::app

// The returned text stays valid until the next call (JavaScript copies it at once).
extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_state_json() {
    static std::string text;
    text = exposed ? profiledesk::app::state_to_json(*exposed).dump() : "null";
    return text.c_str();
}
