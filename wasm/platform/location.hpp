// The page's address (wasm/js/location.js): what the re-authentication round
// trip needs (app/reauth.hpp).
#pragma once

#include <string>

namespace profiledesk::app::platform {

// location.search ("?resume=email", "" when none).
std::string location_search();
// Shows `url` (same origin) in the address bar without leaving the page.
void replace_url(const std::string& url);

}  // namespace profiledesk::app::platform
