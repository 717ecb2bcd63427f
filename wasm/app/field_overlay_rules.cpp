#include "app/field_overlay_rules.hpp"

#include "profiledesk/core/complex_text.hpp"

namespace profiledesk::app {

bool edits_in_browser(const form_field& f, std::string_view text) {
    if (!f.editable) return false;
    if (f.kind != widget::single_line && f.kind != widget::multi_line) return false;
    return core::is_complex_text(text);
}

overlay_step overlay_step_for(const overlay_frame& f) {
    // The mirror's own DOM input already gives the browser's editing.
    if (f.mirror_has_keyboard) return f.overlay_here ? overlay_step::close : overlay_step::none;
    if (f.overlay_here) {
        // Scrolled out of the form's view: an input floating over other
        // widgets, or over nothing, would be worse than none.
        return f.visible ? overlay_step::follow : overlay_step::close;
    }
    if (!f.browser_text || !f.visible) return overlay_step::none;
    // Focused by the app or a click with complex text already in it, or a
    // complex character typed or pasted into ImGui's field just now.
    if (f.focus_moved_in || f.clicked || f.edited_in_imgui) return overlay_step::open;
    return overlay_step::none;
}

std::optional<key_press> overlay_app_key(std::string_view dom_key, bool shift, bool command, bool alt) {
    key_press k;
    k.shift = shift;
    if (dom_key == "Tab" && !command && !alt) {
        k.k = key::tab;
    } else if (dom_key == "Enter" && !command) {
        k.k = key::
            enter;  // as in ImGui's fields (input.cpp's app_key_of); the app leaves a multi-line field's to the browser
    } else if (dom_key == "Escape") {
        k.k = key::escape;
    } else if ((dom_key == "s" || dom_key == "S") && command && !alt && !shift) {
        k.k = key::save_shortcut;
    } else {
        return std::nullopt;
    }
    return k;
}

bool overlay_leaves_on(key_press k) { return k.k == key::tab || k.k == key::enter || k.k == key::escape; }

}  // namespace profiledesk::app
