// The theme toggle: the person's choice wins over the system's setting from
// then on, in this browser (wasm/js/theme.js keeps it).
#include "app/controller.hpp"

#include "app/i18n.hpp"

namespace profiledesk::app {

const std::string& theme_toggle_label(const app_state& s) {
    return tr(s.theme == core::theme_kind::dark ? "theme.use_light" : "theme.use_dark");
}

effects toggle_theme(app_state& s) {
    s.theme = s.theme == core::theme_kind::dark ? core::theme_kind::light : core::theme_kind::dark;
    return {effect{effect::kind::choose_theme, {}, std::string(core::to_string(s.theme))}};
}

}  // namespace profiledesk::app
