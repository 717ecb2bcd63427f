// The app's side of the form mirror (shell/form_mirror.js): sends the
// description (state/form_mirror.hpp) with where each control lies on the
// canvas, and hands what the person does in the mirror to the app.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace profiledesk::app::platform {

// What the mirror reports; each runs on the main thread from a DOM event,
// never during a frame.
struct mirror_handlers {
    void (*focus)(const std::string& id);
    bool (*edit)(const std::string& id, const std::string& value, std::size_t start, std::size_t end);
    void (*select)(const std::string& id, std::size_t start, std::size_t end);
    void (*action)(const std::string& action);
    void (*key)(const std::string& key);  // "enter", "escape", "save"
};
void install_form_mirror(const mirror_handlers& handlers);

// After a drawn frame: adds each control's canvas rectangle (its "item", as
// the views recorded it) and updates the DOM when anything changed.
void update_form_mirror(nlohmann::json description);

// Whether a mirror control holds the keyboard (then the canvas's hidden
// text input must not take the focus).
bool form_mirror_has_focus();

}  // namespace profiledesk::app::platform
