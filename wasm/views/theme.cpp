#define IMGUI_DEFINE_MATH_OPERATORS
#include "views/theme.hpp"

#include "platform/site.hpp"

#include "platform/fonts.hpp"

#include <imgui_internal.h>  // ImRect for the focus ring

namespace profiledesk::app::views {
namespace {

struct applied {
    core::theme_kind kind = core::theme_kind::light;
    core::palette palette = core::make_palette(core::theme_kind::light);
    theme_roles roles{};
};

applied& the_theme() {
    static applied a;
    return a;
}

theme_roles roles_of(const core::palette& p) {
    theme_roles r;
    r.text = to_imvec4(p.text);
    r.muted = to_imvec4(p.muted_text);
    r.disabled_text = to_imvec4(p.disabled_text);
    r.accent = to_imvec4(p.accent);
    r.on_accent = to_imvec4(p.on_accent);
    r.accent_text = to_imvec4(p.accent_text);
    r.danger = to_imvec4(p.danger);
    r.success = to_imvec4(p.success);
    r.warning = to_imvec4(p.warning);
    r.border = to_imvec4(p.border);
    r.field = to_imvec4(p.field);
    r.read_only_field = to_imvec4(p.read_only_field);
    r.surface = to_imvec4(p.surface);
    r.background = to_imvec4(p.background);
    return r;
}

// Sizes and gaps from the spacing scale; shapes that do not change with the theme.
void apply_metrics(ImGuiStyle& st) {
    st.WindowPadding = ImVec2(space::l, space::l);
    st.FramePadding = ImVec2(space::s, 6);
    st.ItemSpacing = ImVec2(space::s, 6);
    st.ItemInnerSpacing = ImVec2(space::s, space::xs);
    st.IndentSpacing = space::xl;
    st.WindowRounding = 8;
    st.ChildRounding = 6;
    st.PopupRounding = 6;
    st.FrameRounding = 6;
    st.GrabRounding = 4;
    // Every field, checkbox and radio has its outline (WCAG 1.4.11: the
    // border, not the fill, tells a field from the page); buttons share it.
    st.FrameBorderSize = 1;
    st.WindowBorderSize = 0;  // the page has no frame; dialogs and menus have theirs (PopupBorderSize)
    st.PopupBorderSize = 1;
    st.ChildBorderSize = 0;
    // Disabled controls are drawn in disabled_text by the views (widgets.cpp),
    // not faded: a faded label on a faded fill would fall under legibility.
    st.DisabledAlpha = 1.0f;
}

void apply_colours(ImGuiStyle& st, const core::palette& p, core::theme_kind kind) {
    ImVec4* c = st.Colors;
    const auto v = [](core::rgb x, float a = 1.0f) { return to_imvec4(x, a); };
    c[ImGuiCol_Text] = v(p.text);
    c[ImGuiCol_TextDisabled] = v(p.disabled_text);
    c[ImGuiCol_WindowBg] = v(p.background);
    c[ImGuiCol_ChildBg] = v(p.background, 0.0f);  // the form shows the page behind it
    c[ImGuiCol_PopupBg] = v(p.surface);
    c[ImGuiCol_Border] = v(p.border);
    c[ImGuiCol_BorderShadow] = v(p.background, 0.0f);
    // Fields: the fill stays, the outline and the focus ring show state.
    c[ImGuiCol_FrameBg] = v(p.field);
    c[ImGuiCol_FrameBgHovered] = v(core::mix(p.hover, p.field, 0.6));
    c[ImGuiCol_FrameBgActive] = v(p.field);
    c[ImGuiCol_TitleBg] = v(p.surface);
    c[ImGuiCol_TitleBgActive] = v(p.surface);
    c[ImGuiCol_TitleBgCollapsed] = v(p.surface);
    c[ImGuiCol_MenuBarBg] = v(p.surface);
    c[ImGuiCol_ScrollbarBg] = v(p.background, 0.0f);
    c[ImGuiCol_ScrollbarGrab] = v(p.border, 0.7f);
    c[ImGuiCol_ScrollbarGrabHovered] = v(p.border);
    c[ImGuiCol_ScrollbarGrabActive] = v(p.accent);
    c[ImGuiCol_CheckMark] = v(p.on_accent);  // on the accent fill of a checked box (widgets.cpp)
    c[ImGuiCol_SliderGrab] = v(p.accent);
    c[ImGuiCol_SliderGrabActive] = v(p.accent_pressed);
    // Secondary buttons: neutral; primary ones push the accent (widgets.cpp).
    c[ImGuiCol_Button] = v(p.surface);
    c[ImGuiCol_ButtonHovered] = v(p.hover);
    c[ImGuiCol_ButtonActive] = v(p.pressed);
    // Combo options and selectables.
    c[ImGuiCol_Header] = v(p.pressed);
    c[ImGuiCol_HeaderHovered] = v(p.hover);
    c[ImGuiCol_HeaderActive] = v(p.pressed);
    c[ImGuiCol_Separator] = v(p.border, 0.55f);
    c[ImGuiCol_SeparatorHovered] = v(p.border);
    c[ImGuiCol_SeparatorActive] = v(p.accent);
    c[ImGuiCol_ResizeGrip] = v(p.border, 0.0f);
    c[ImGuiCol_ResizeGripHovered] = v(p.border, 0.0f);
    c[ImGuiCol_ResizeGripActive] = v(p.border, 0.0f);
    c[ImGuiCol_Tab] = v(p.surface);
    c[ImGuiCol_TabHovered] = v(p.hover);
    c[ImGuiCol_TabActive] = v(p.field);
    c[ImGuiCol_TabUnfocused] = v(p.surface);
    c[ImGuiCol_TabUnfocusedActive] = v(p.field);
    c[ImGuiCol_TableHeaderBg] = v(p.surface);
    c[ImGuiCol_TableBorderStrong] = v(p.border);
    c[ImGuiCol_TableBorderLight] = v(p.border, 0.55f);
    c[ImGuiCol_TableRowBg] = v(p.background, 0.0f);
    c[ImGuiCol_TableRowBgAlt] = v(p.hover, 0.35f);
    c[ImGuiCol_TextSelectedBg] = v(p.accent, 0.35f);
    c[ImGuiCol_DragDropTarget] = v(p.accent);
    c[ImGuiCol_NavHighlight] = v(p.accent);
    c[ImGuiCol_NavWindowingHighlight] = v(p.accent);
    c[ImGuiCol_NavWindowingDimBg] = v(p.text, 0.2f);
    // Behind a dialog: the page dimmed, toward black in both themes.
    c[ImGuiCol_ModalWindowDimBg] = v(core::rgb{0, 0, 0}, kind == core::theme_kind::dark ? 0.6f : 0.4f);
    c[ImGuiCol_PlotLines] = v(p.accent);
    c[ImGuiCol_PlotLinesHovered] = v(p.accent_hover);
    c[ImGuiCol_PlotHistogram] = v(p.accent);
    c[ImGuiCol_PlotHistogramHovered] = v(p.accent_hover);
}

}  // namespace

// BRAND_ACCENT from the page (platform/site.hpp), else ours.
core::rgb theme_accent() { return platform::site().accent.value_or(core::default_accent); }

ImVec4 to_imvec4(core::rgb c, float alpha) {
    return ImVec4(static_cast<float>(c.r) / 255.0f, static_cast<float>(c.g) / 255.0f, static_cast<float>(c.b) / 255.0f,
                  alpha);
}

void apply_theme(core::theme_kind kind) {
    applied& a = the_theme();
    a.kind = kind;
    a.palette = core::make_palette(kind, theme_accent());
    a.roles = roles_of(a.palette);
    ImGuiStyle& st = ImGui::GetStyle();
    apply_metrics(st);
    apply_colours(st, a.palette, kind);
}

core::theme_kind current_theme() { return the_theme().kind; }
const core::palette& current_palette() { return the_theme().palette; }
const theme_roles& role() { return the_theme().roles; }

std::vector<float> type_scale_sizes() {
    return {type_size(type_role::body), type_size(type_role::title), type_size(type_role::section),
            type_size(type_role::help)};
}

type_scope::type_scope(type_role r) {
    if (r == type_role::body) return;
    ImGui::PushFont(platform::type_font(static_cast<std::size_t>(r)));
    pushed_ = true;
}

type_scope::~type_scope() {
    if (pushed_) ImGui::PopFont();
}

void focus_ring_on_last_item() {
    const ImVec2 gap(focus_ring_gap, focus_ring_gap);
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin() - gap, ImGui::GetItemRectMax() + gap,
                                        ImGui::GetColorU32(role().accent),
                                        ImGui::GetStyle().FrameRounding + focus_ring_gap, 0, focus_ring_width);
}

}  // namespace profiledesk::app::views
