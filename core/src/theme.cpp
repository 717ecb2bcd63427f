#include "profiledesk/core/theme.hpp"

namespace profiledesk::core {
namespace {

constexpr rgb hex(unsigned v) {
    return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>((v >> 8) & 0xff),
            static_cast<std::uint8_t>(v & 0xff)};
}

palette base(theme_kind kind) {
    palette p{};
    if (kind == theme_kind::light) {
        p.background = hex(0xf5f6f8);
        p.surface = hex(0xffffff);
        p.field = hex(0xffffff);
        p.read_only_field = hex(0xeceef2);
        p.text = hex(0x1b1f24);
        p.muted_text = hex(0x555d6b);
        p.disabled_text = hex(0x6b7280);
        p.border = hex(0x7b8494);
        p.danger = hex(0xb3261e);
        p.success = hex(0x147535);
        p.warning = hex(0x8a5300);
        p.hover = hex(0xe3e6eb);
        p.pressed = hex(0xd3d7de);
    } else {
        p.background = hex(0x15171c);
        p.surface = hex(0x1e2128);
        p.field = hex(0x262a32);
        p.read_only_field = hex(0x1b1e24);
        p.text = hex(0xe8eaee);
        p.muted_text = hex(0xa9b1bd);
        p.disabled_text = hex(0x9aa1ad);
        p.border = hex(0x7d8594);
        p.danger = hex(0xff8b80);
        p.success = hex(0x6fd48c);
        p.warning = hex(0xf0c25a);
        p.hover = hex(0x2e333d);
        p.pressed = hex(0x3a404c);
    }
    return p;
}

// The darkest and lightest fills text and components sit on.
rgb darkest(const palette& p, theme_kind kind) { return kind == theme_kind::light ? p.read_only_field : p.field; }

}  // namespace

std::string_view to_string(theme_kind kind) { return kind == theme_kind::light ? "light" : "dark"; }

std::optional<theme_kind> theme_from_string(std::string_view name) {
    if (name == "light") return theme_kind::light;
    if (name == "dark") return theme_kind::dark;
    return std::nullopt;
}

palette make_palette(theme_kind kind, rgb accent) {
    palette p = base(kind);
    // The accent as a fill: >= 3:1 against every fill it sits on (1.4.11).
    // In the dark theme a dark brand colour is lightened, in the light theme
    // a pale one darkened; its hue stays.
    const rgb against = darkest(p, kind);
    p.accent = with_contrast(with_contrast(accent, against, component_contrast), p.background, component_contrast);
    p.on_accent = text_on(p.accent);
    // Hover and pressed move away from the text on them, so it stays readable.
    const rgb away = p.on_accent == rgb{255, 255, 255} ? rgb{0, 0, 0} : rgb{255, 255, 255};
    p.accent_hover = mix(away, p.accent, 0.12);
    p.accent_pressed = mix(away, p.accent, 0.24);
    // As text it needs 4.5:1 on the fills text sits on.
    p.accent_text = with_contrast(with_contrast(accent, against, text_contrast), p.surface, text_contrast);
    p.accent_text = with_contrast(p.accent_text, p.background, text_contrast);
    return p;
}

}  // namespace profiledesk::core
