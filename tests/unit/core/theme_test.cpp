#include "profiledesk/core/theme.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

TEST_CASE("color: hex colours and WCAG contrast", "[color]") {
    CHECK(parse_hex_color("#1A2b3c") == rgb{0x1a, 0x2b, 0x3c});
    CHECK_FALSE(parse_hex_color("1a2b3c"));
    CHECK_FALSE(parse_hex_color("#1a2b3"));
    CHECK_FALSE(parse_hex_color("#1a2b3g"));
    CHECK(to_hex(rgb{0x1a, 0x2b, 0x3c}) == "#1a2b3c");
    CHECK(contrast_ratio(rgb{0, 0, 0}, rgb{255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio(rgb{0x77, 0x77, 0x77}, rgb{255, 255, 255}) == Approx(4.48).epsilon(0.01));
}

TEST_CASE("color: with_contrast keeps a good colour and moves a bad one least", "[color]") {
    const rgb white{255, 255, 255};
    CHECK(with_contrast(rgb{0x24, 0x59, 0xc9}, white, 4.5) == rgb{0x24, 0x59, 0xc9});
    const rgb yellow{0xff, 0xeb, 0x3b};
    const rgb darker = with_contrast(yellow, white, 4.5);
    CHECK(contrast_ratio(darker, white) >= 4.5);
    CHECK(contrast_ratio(with_contrast(darker, white, 4.5), white) < 4.7);  // not overshot to black
    CHECK(contrast_ratio(with_contrast(rgb{0x10, 0x10, 0x40}, rgb{0x15, 0x17, 0x1c}, 3.0), rgb{0x15, 0x17, 0x1c}) >=
          3.0);
}

TEST_CASE("theme: every pair meets WCAG 2.2 AA in both themes, with any accent", "[theme]") {
    const rgb accents[] = {default_accent,     {0xff, 0xeb, 0x3b}, {0x0a, 0x0a, 0x0a}, {0xff, 0xff, 0xff},
                           {0xe9, 0x1e, 0x63}, {0x00, 0x96, 0x88}, {0x80, 0x80, 0x80}};
    for (const auto kind : {theme_kind::light, theme_kind::dark}) {
        for (const rgb accent : accents) {
            const palette p = make_palette(kind, accent);
            INFO(to_string(kind) << " accent " << to_hex(accent));
            for (const rgb fill : {p.background, p.surface, p.field, p.read_only_field}) {
                CHECK(contrast_ratio(p.text, fill) >= text_contrast);
                CHECK(contrast_ratio(p.muted_text, fill) >= text_contrast);
                CHECK(contrast_ratio(p.accent, fill) >= component_contrast);
            }
            for (const rgb fill : {p.background, p.surface, p.field}) {
                CHECK(contrast_ratio(p.border, fill) >= component_contrast);
            }
            for (const rgb fill : {p.background, p.surface}) {
                CHECK(contrast_ratio(p.accent_text, fill) >= text_contrast);
                CHECK(contrast_ratio(p.danger, fill) >= text_contrast);
                CHECK(contrast_ratio(p.success, fill) >= text_contrast);
                CHECK(contrast_ratio(p.warning, fill) >= text_contrast);
            }
            CHECK(contrast_ratio(p.on_accent, p.accent) >= text_contrast);
            CHECK(contrast_ratio(p.on_accent, p.accent_hover) >= text_contrast);
            CHECK(contrast_ratio(p.on_accent, p.accent_pressed) >= text_contrast);
        }
    }
}
