// The app's look: core::make_palette's colour roles applied to ImGui's style
// (every ImGuiCol the views use), the type scale, the spacing scale, and the
// roles the views draw with. The views use these and no colour of their own,
// so the light and dark themes (and an operator's accent) reach every pixel.
#pragma once

#include "profiledesk/core/theme.hpp"

#include <imgui.h>

#include <vector>

namespace profiledesk::app::views {

// The accent the palette is made from: the operator's BRAND_ACCENT (read
// from the site island by the brand layer), else core::default_accent.
core::rgb theme_accent();

// Makes the palette of `kind` with theme_accent() and applies it to ImGui's
// style; the views' roles below follow. Called at start and whenever the
// effective theme changes (the person's choice, the system's setting).
void apply_theme(core::theme_kind kind);

// The theme now applied.
core::theme_kind current_theme();
const core::palette& current_palette();

ImVec4 to_imvec4(core::rgb colour, float alpha = 1.0f);

// The roles as the views draw them (text colours and fills), from
// current_palette(): `role().muted` for help text, and so on.
struct theme_roles {
    ImVec4 text;
    ImVec4 muted;          // help and secondary text
    ImVec4 disabled_text;  // a control that cannot be used now
    ImVec4 accent;         // fills, focus rings, the changed mark
    ImVec4 on_accent;      // text on an accent fill
    ImVec4 accent_text;    // headings and accent words as text
    ImVec4 danger;
    ImVec4 success;
    ImVec4 warning;
    ImVec4 border;
    ImVec4 field;
    ImVec4 read_only_field;
    ImVec4 surface;
    ImVec4 background;
};
const theme_roles& role();

// The type scale: each a font of its own in the atlas (platform/fonts.cpp
// rasterises them at size x devicePixelRatio), in CSS pixels.
enum class type_role { body, title, section, help };
inline constexpr float type_size(type_role r) {
    switch (r) {
        case type_role::title: return 22.0f;
        case type_role::section: return 17.0f;
        case type_role::help: return 13.0f;
        case type_role::body: break;
    }
    return 15.0f;
}

// The sizes of the type scale in type_role order, for the font atlas
// (platform::set_font_sizes): type_font(index) is then the role's font.
std::vector<float> type_scale_sizes();

// Draws what follows in `r`'s font until the object goes (body is the default).
class type_scope {
public:
    explicit type_scope(type_role r);
    ~type_scope();
    type_scope(const type_scope&) = delete;
    type_scope& operator=(const type_scope&) = delete;

private:
    bool pushed_ = false;
};

// The spacing scale (CSS pixels): every gap and padding is one of these.
namespace space {
inline constexpr float xs = 4;
inline constexpr float s = 8;
inline constexpr float m = 12;
inline constexpr float l = 16;
inline constexpr float xl = 24;
}  // namespace space

// How thick the focus ring is, and how far outside its item it stands.
inline constexpr float focus_ring_width = 2.0f;
inline constexpr float focus_ring_gap = 2.0f;

// The focus ring, in the accent, around the last item.
void focus_ring_on_last_item();

}  // namespace profiledesk::app::views
