#include "http/site_page.hpp"

#include "profiledesk/core/languages.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace profiledesk::http;
namespace core = profiledesk::core;

namespace {

const std::string shell =
    "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Profile Desk</title>\n"
    "  <script id=\"pd-site\" type=\"application/json\">{}</script>\n</head>\n"
    "<body><h1 id=\"m-heading\">Profile Desk</h1></body>\n</html>\n";

// The island's text in a page, as the browser's parser would end it: at the first "</script".
std::string island_of(const std::string& page) {
    const std::string open = "<script id=\"pd-site\" type=\"application/json\">";
    const auto begin = page.find(open);
    REQUIRE(begin != std::string::npos);
    const auto end = page.find("</script", begin + open.size());
    REQUIRE(end != std::string::npos);
    return page.substr(begin + open.size(), end - begin - open.size());
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("site page: the island holds the brand and the languages") {
    site_brand brand{"Acme", true, core::rgb{0x0b, 0x7a, 0x5c}, "https://help.example.com/profile"};
    const auto page = branded_index(shell, brand);
    REQUIRE(page);
    const auto site = nlohmann::json::parse(island_of(*page));
    CHECK(site["brandName"] == "Acme");
    CHECK(site["logo"] == "/brand/logo.png");
    CHECK(site["accent"] == "#0b7a5c");
    CHECK(site["supportUrl"] == "https://help.example.com/profile");
    CHECK(site["pseudoLanguage"] == std::string(core::pseudo_language));
    REQUIRE(site["languages"].size() == core::languages.size());
    CHECK(site["languages"][0] == nlohmann::json({{"tag", "en"}, {"name", "English"}, {"rtl", false}}));
    CHECK(site["languages"].back()["rtl"] == true);
    CHECK(has(*page, "<title>Acme</title>"));

    const auto plain = nlohmann::json::parse(island_of(*branded_index(shell, {"Profile Desk", false, {}, ""})));
    CHECK(plain["brandName"] == "Profile Desk");
    CHECK(plain["logo"].is_null());
    CHECK(plain["accent"].is_null());
    CHECK(plain["supportUrl"].is_null());
}

TEST_CASE("site page: a brand name cannot end the island or the title") {
    const std::string name = "</script><script>alert(1)</script><!-- & \xE2\x80\xA8\xE2\x80\xA9 </title>";
    const auto page = branded_index(shell, {name, false, {}, "https://help.example.com/a?b=</script>"});
    REQUIRE(page);
    const auto island = island_of(*page);
    // The parser's view of the island is the whole JSON, and it reads back the same name.
    const auto site = nlohmann::json::parse(island);
    CHECK(site["brandName"] == name);
    CHECK(site["supportUrl"] == "https://help.example.com/a?b=</script>");
    CHECK_FALSE(has(island, "<"));
    CHECK_FALSE(has(island, ">"));
    CHECK_FALSE(has(island, "&"));
    CHECK_FALSE(has(island, "\xE2\x80\xA8"));
    CHECK_FALSE(has(island, "\xE2\x80\xA9"));
    CHECK(has(island, "\\u2028"));
    // The title is text: escaped, so the page keeps one title and one island.
    CHECK(has(*page, "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; "));
    CHECK(has(*page, " &lt;/title&gt;</title>"));
    CHECK(std::count(page->begin(), page->end(), '<') == std::count(shell.begin(), shell.end(), '<'));
}

TEST_CASE("site page: a shell without a title or an island is not branded") {
    const site_brand brand{"Acme", false, {}, ""};
    CHECK_FALSE(branded_index("<html><title>x</title></html>", brand));
    CHECK_FALSE(branded_index("<html><script id=\"pd-site\" type=\"application/json\">{}</script></html>", brand));
}

TEST_CASE("site page: theme.css has every role of both themes, with the accent") {
    const core::rgb accent{0x0b, 0x7a, 0x5c};
    const auto css = theme_css(accent);
    const std::regex declaration(R"(--pd-([a-z-]+): (#[0-9a-f]{6});)");
    // The four blocks: light, dark by the system's preference, dark by choice.
    const auto light_at = css.find(":root,\n:root[data-theme=\"light\"] {");
    const auto media_at = css.find("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {");
    const auto dark_at = css.find(":root[data-theme=\"dark\"] {");
    REQUIRE(light_at != std::string::npos);
    REQUIRE(media_at != std::string::npos);
    REQUIRE(dark_at != std::string::npos);
    REQUIRE(light_at < media_at);
    REQUIRE(media_at < dark_at);
    const auto check_block = [&](std::size_t from, std::size_t to, core::theme_kind kind) {
        const auto block = css.substr(from, to - from);
        INFO(block);
        const auto p = core::make_palette(kind, accent);
        CHECK(has(block, "color-scheme: " + std::string(core::to_string(kind)) + ";"));
        for (const auto& role : palette_roles) {
            INFO(role.css_name);
            CHECK(has(block, "--pd-" + std::string(role.css_name) + ": " + core::to_hex(p.*role.colour) + ";"));
        }
        CHECK(std::distance(std::sregex_iterator(block.begin(), block.end(), declaration), std::sregex_iterator()) ==
              static_cast<long>(palette_roles.size()));
    };
    check_block(light_at, media_at, core::theme_kind::light);
    check_block(media_at, dark_at, core::theme_kind::dark);
    check_block(dark_at, css.size(), core::theme_kind::dark);
    CHECK(has(css, "--pd-muted-text: "));
    CHECK(has(css, "--pd-read-only-field: "));
    // The accent changes the accent roles, and no accent is the default one.
    CHECK(theme_css(std::nullopt) == theme_css(core::default_accent));
    CHECK(theme_css(std::nullopt) != css);
    CHECK(has(css, "--pd-accent: " + core::to_hex(core::make_palette(core::theme_kind::light, accent).accent)));
}
