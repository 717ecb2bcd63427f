// The app's two themes, light and dark, as colour roles: the views draw with
// these and nothing else (wasm/views/theme.*), the page's CSS mirrors them
// (web/style.css), and tests/unit/core/theme_test.cpp holds each pair that
// must contrast to WCAG 2.2 AA in both themes, with any BRAND_ACCENT.
#pragma once

#include "profiledesk/core/color.hpp"

#include <optional>
#include <string_view>

namespace profiledesk::core {

enum class theme_kind { light, dark };

std::string_view to_string(theme_kind kind);  // "light", "dark"
std::optional<theme_kind> theme_from_string(std::string_view name);

struct palette {
    rgb background;       // the page behind everything
    rgb surface;          // cards, dialogs, the bottom bar, menus
    rgb field;            // an editable field's fill
    rgb read_only_field;  // a read-only field's fill: calm, not greyed out like a disabled one
    rgb text;             // body text, on any of the four fills above (>= 4.5:1)
    rgb muted_text;       // help and secondary text (>= 4.5:1 on them too)
    rgb disabled_text;    // a control that cannot be used now (WCAG exempts it; still legible)
    rgb border;           // field, checkbox and radio outlines (>= 3:1 on background, surface and field)
    rgb accent;           // primary buttons, selected radios and boxes, focus rings, changed marks (>= 3:1)
    rgb accent_hover;
    rgb accent_pressed;
    rgb on_accent;    // text on an accent fill (>= 4.5:1)
    rgb accent_text;  // the accent as text: headings, links (>= 4.5:1 on background and surface)
    rgb danger;       // errors, as text (>= 4.5:1)
    rgb success;      // "Saved", as text (>= 4.5:1)
    rgb warning;      // unsaved changes, restored drafts, as text (>= 4.5:1)
    rgb hover;        // a neutral control's fill under the pointer
    rgb pressed;      // ... while pressed
};

// The default accent when the operator sets no BRAND_ACCENT.
inline constexpr rgb default_accent{0x24, 0x59, 0xc9};

// The palette of `kind`, its accent roles made from `accent` (the
// operator's BRAND_ACCENT or default_accent), each adjusted with
// with_contrast where that theme's fills need it.
palette make_palette(theme_kind kind, rgb accent = default_accent);

}  // namespace profiledesk::core
