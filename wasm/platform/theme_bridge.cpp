#include "platform/theme_bridge.hpp"

extern "C" {
// theme.js
void pd_js_theme_watch();
int pd_js_theme_take_change();
int pd_js_theme_effective();
void pd_js_theme_choose(int dark);
}

namespace profiledesk::app::platform {

void watch_theme() { pd_js_theme_watch(); }

bool theme_may_have_changed() { return pd_js_theme_take_change() != 0; }

core::theme_kind effective_theme() {
    return pd_js_theme_effective() != 0 ? core::theme_kind::dark : core::theme_kind::light;
}

void choose_theme(core::theme_kind kind) { pd_js_theme_choose(kind == core::theme_kind::dark ? 1 : 0); }

}  // namespace profiledesk::app::platform
