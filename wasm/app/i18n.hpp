// The app's current language and texts (core/messages.hpp): one per page,
// as ImGui's context is. Views, controllers and mirrors look every text a
// person sees up here, by key (web/i18n/en.json holds them all):
//
//   button(tr("bar.save").c_str(), ...);
//   notice = tr("status.saved_other", {{"count", std::to_string(n)}});
//
// Texts that a person typed or the provider sent (names, emails, values)
// are never looked up. Server errors are shown by their stable code,
// tr("error." + code) (core/api_errors.hpp), not by the server's English
// message.
#pragma once

#include "profiledesk/core/messages.hpp"

#include <string>
#include <string_view>

namespace profiledesk::app {

// The texts now in use (English keys only until a catalog arrives).
const core::messages& current_messages();

// Switches the language: the next frame draws in it.
void use_messages(core::messages messages);

inline const std::string& tr(std::string_view key) { return current_messages().text(key); }
inline std::string tr(std::string_view key, const core::message_args& args) {
    return current_messages().text(key, args);
}

}  // namespace profiledesk::app
