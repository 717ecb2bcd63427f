// The page's side of the theme (wasm/js/theme.js): which theme is in effect
// (the person's choice remembered in this browser, else the system's
// prefers-color-scheme), and the choice itself.
#pragma once

#include "profiledesk/core/theme.hpp"

namespace profiledesk::app::platform {

// Starts watching the system's setting and other tabs' choices (once, at start).
void watch_theme();

// True once after what decides the theme may have changed (then ask effective_theme).
bool theme_may_have_changed();

// The theme in effect now.
core::theme_kind effective_theme();

// The person chose `kind`: remembered in localStorage["profiledesk.theme"],
// and <html data-theme> set, so the page around the canvas follows.
void choose_theme(core::theme_kind kind);

}  // namespace profiledesk::app::platform
