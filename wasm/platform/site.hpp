// The site's brand as the server configured it (BRAND_NAME, BRAND_LOGO,
// BRAND_ACCENT, SUPPORT_URL), read once from index.html's site island
// (js/site.js; the island is made by server/http/site_page.hpp), and the
// logo as a GL texture.
#pragma once

#include "profiledesk/core/color.hpp"

#include <optional>
#include <string>

namespace profiledesk::app::platform {

struct site_info {
    std::string brand_name;           // never empty: "Profile Desk" when the island has none
    std::string logo_url;             // "/brand/logo.png", or empty
    std::optional<core::rgb> accent;  // the operator's accent; nullopt = core::default_accent
    std::string support_url;          // an http(s) URL, or empty: no "Get help" links
};

// Read from the island at the first call.
const site_info& site();

// The logo, once decoded (load_logo): its texture and size in pixels.
struct logo_image {
    unsigned texture = 0;  // 0 until it arrives, and when there is none
    int width = 0, height = 0;
};
// Starts decoding site().logo_url, at most `max_height` pixels high; `on_ready`
// runs once it is a texture (the app draws a frame then).
void load_logo(int max_height, void (*on_ready)());
const logo_image& logo();

// Opens `url` in a new tab, without access to this page (noopener).
void open_in_new_tab(const std::string& url);

}  // namespace profiledesk::app::platform
