// The browser's preferred languages (wasm/js/navigator_languages.js), in
// order: what core::choose_language() picks the page's language from.
#pragma once

#include <string>
#include <vector>

namespace profiledesk::app::platform {

// navigator.languages ("ar", "en-GB", ...); empty when the browser names none.
std::vector<std::string> navigator_languages();

}  // namespace profiledesk::app::platform
