// The page's brand, made once at start-up from the settings: index.html with
// its <title> and its site island (the JSON the loader and the app read:
// name, logo, accent, help link, languages), and /brand/theme.css, the two
// themes' colour roles as CSS custom properties for the page's own CSS.
// Pure functions; main.cpp puts what they make among the static files.
#pragma once

#include "profiledesk/core/color.hpp"
#include "profiledesk/core/theme.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::http {

struct site_brand {
    std::string name;                 // BRAND_NAME
    bool has_logo = false;            // BRAND_LOGO is set: served as logo_path
    std::optional<core::rgb> accent;  // BRAND_ACCENT
    std::string support_url;          // SUPPORT_URL; empty = none
};

inline constexpr std::string_view logo_path = "/brand/logo.png";
inline constexpr std::string_view theme_css_path = "/brand/theme.css";

// Each colour role of core::palette with its CSS name (`--pd-<name>`, '_' as '-').
struct palette_role {
    std::string_view css_name;  // "muted-text"
    core::rgb core::palette::*colour;
};
extern const std::array<palette_role, 18> palette_roles;

// The island's JSON (shell/index.html's #pd-site): brandName, logo, accent,
// supportUrl (null when unset), languages and pseudoLanguage from
// core/languages.hpp. Safe inside a <script> element (script_safe_json).
std::string site_json(const site_brand& brand);

// `json` with '<', '>', '&', U+2028 and U+2029 written as \u escapes: the same
// JSON, but nothing in it can end the <script> element ("</script>"), open a
// comment ("<!--") or break a line for old parsers.
std::string script_safe_json(std::string_view json);

// index.html with its <title> set to the brand name (escaped) and its empty
// island filled with site_json; nullopt when either is not found (a shell
// that does not match this server).
std::optional<std::string> branded_index(std::string_view index_html, const site_brand& brand);

// /brand/theme.css: every role of both themes made with `accent`, light on
// :root and :root[data-theme="light"], dark under prefers-color-scheme: dark
// (unless the page chose light) and on :root[data-theme="dark"], each with
// its color-scheme.
std::string theme_css(std::optional<core::rgb> accent);

}  // namespace profiledesk::http
