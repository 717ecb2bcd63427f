// BRAND_NAME, BRAND_LOGO, BRAND_ACCENT and SUPPORT_URL (issue 16): each bad
// value is one problem line naming the setting, and a good one is kept as is.
#include "config/app_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using profiledesk::config::load_config;
using env_map = std::map<std::string, std::string>;

namespace {

env_map good_env() {
    return {
        {"ISSUER_BASE_URL", "https://example.eu.auth0.com"},
        {"CLIENT_ID", "Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0"},
        {"CLIENT_SECRET", "cs_9fK2mQ7vLzR4tY8wE1uI3oP6aS5dF0hJ"},
        {"SECRET", "b1946ac92492d2347c6235b4d2611184a3f1e9c07d5b8e2f"},
    };
}

env_map with(const std::string& key, const std::string& value) {
    auto env = good_env();
    env[key] = value;
    return env;
}

// The one problem line: it names the setting and is one line.
std::string only_problem(const env_map& env, const std::string& setting) {
    const auto result = load_config(env);
    for (const auto& p : result.problems) INFO(p);
    REQUIRE(result.problems.size() == 1);
    const auto& line = result.problems.front();
    INFO(line);
    CHECK(line.rfind(setting + " ", 0) == 0);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    return line;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The start of a PNG: its signature and IHDR chunk of `width` x `height`.
std::string png_header(std::uint32_t width, std::uint32_t height) {
    std::string b = "\x89PNG\r\n\x1a\n";
    b += std::string("\0\0\0\x0d", 4) + "IHDR";
    for (const auto v : {width, height}) {
        for (int shift = 24; shift >= 0; shift -= 8) b += static_cast<char>((v >> shift) & 0xff);
    }
    b += std::string("\x08\x06\0\0\0", 5);  // 8-bit RGBA
    b += std::string("\0\0\0\0", 4);        // CRC (not checked: the browser decodes)
    return b;
}

struct temp_file {
    std::filesystem::path path;
    explicit temp_file(const std::string& content) {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("profiledesk-brand-test-" + std::to_string(rd()) + ".png");
        std::ofstream(path, std::ios::binary) << content;
    }
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

TEST_CASE("brand settings: unset, the name is Profile Desk and nothing else is branded") {
    const auto result = load_config(good_env());
    REQUIRE(result.problems.empty());
    CHECK(result.config.brand_name == "Profile Desk");
    CHECK(result.config.brand_logo.empty());
    CHECK(result.config.brand_logo_png.empty());
    CHECK_FALSE(result.config.brand_accent.has_value());
    CHECK(result.config.support_url.empty());
}

TEST_CASE("brand settings: good values are kept") {
    temp_file logo(png_header(64, 32) + "rest of the image");
    auto env = good_env();
    env["BRAND_NAME"] = "Zürich Café & <Co>";
    env["BRAND_LOGO"] = logo.path.string();
    env["BRAND_ACCENT"] = "#0B7a5c";
    env["SUPPORT_URL"] = "https://help.example.com/profile";
    const auto result = load_config(env);
    for (const auto& p : result.problems) INFO(p);
    REQUIRE(result.problems.empty());
    CHECK(result.config.brand_name == "Zürich Café & <Co>");
    CHECK(result.config.brand_logo == logo.path.string());
    CHECK(result.config.brand_logo_png == png_header(64, 32) + "rest of the image");
    REQUIRE(result.config.brand_accent.has_value());
    CHECK(*result.config.brand_accent == profiledesk::core::rgb{0x0b, 0x7a, 0x5c});
    CHECK(result.config.support_url == "https://help.example.com/profile");
    // 60 characters, not bytes.
    CHECK(load_config(with(
                          "BRAND_NAME", std::string(20, 'a') +
                                            [] {
                                                std::string s;
                                                for (int i = 0; i < 40; ++i) s += "é";
                                                return s;
                                            }()))
              .problems.empty());
    CHECK(load_config(with("SUPPORT_URL", "http://localhost:9000/help")).problems.empty());
}

TEST_CASE("brand settings: BRAND_NAME is 1 to 60 characters of UTF-8 on one line") {
    CHECK(has(only_problem(with("BRAND_NAME", std::string(61, 'a')), "BRAND_NAME"), "1 to 60 characters"));
    CHECK(has(only_problem(with("BRAND_NAME", "   "), "BRAND_NAME"), "1 to 60 characters"));
    CHECK(has(only_problem(with("BRAND_NAME", "Acme\nInjected: yes"), "BRAND_NAME"), "one line"));
    CHECK(has(only_problem(with("BRAND_NAME",
                                "Acme\xE2\x80\xA8"
                                "Corp"),
                           "BRAND_NAME"),
              "one line"));
    CHECK(has(only_problem(with("BRAND_NAME", "Acme\xC2\x85"), "BRAND_NAME"), "one line"));
    CHECK(has(only_problem(with("BRAND_NAME", "Acme \xff\xfe"), "BRAND_NAME"), "not valid UTF-8"));
}

TEST_CASE("brand settings: BRAND_LOGO is a readable PNG of sane size") {
    CHECK(has(only_problem(with("BRAND_LOGO", "/nonexistent/logo.png"), "BRAND_LOGO"), "is not a readable file"));
    temp_file gif("GIF89a\x01\0\x01\0");
    CHECK(has(only_problem(with("BRAND_LOGO", gif.path.string()), "BRAND_LOGO"), "is not a PNG image"));
    temp_file svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    CHECK(has(only_problem(with("BRAND_LOGO", svg.path.string()), "BRAND_LOGO"), "is not a PNG image"));
    temp_file huge(png_header(10, 10) + std::string(600 * 1024, 'x'));
    CHECK(has(only_problem(with("BRAND_LOGO", huge.path.string()), "BRAND_LOGO"), "more than 512 KiB"));
    temp_file wide(png_header(100000, 10));
    CHECK(has(only_problem(with("BRAND_LOGO", wide.path.string()), "BRAND_LOGO"), "100000x10 pixels"));
    temp_file empty_image(png_header(0, 10));
    CHECK(has(only_problem(with("BRAND_LOGO", empty_image.path.string()), "BRAND_LOGO"), "0x10 pixels"));
    temp_file cut("\x89PNG\r\n\x1a\n\0\0");
    CHECK(has(only_problem(with("BRAND_LOGO", cut.path.string()), "BRAND_LOGO"), "damaged PNG"));
    CHECK(has(only_problem(with("BRAND_LOGO", std::filesystem::temp_directory_path().string()), "BRAND_LOGO"),
              "is not a readable file"));
}

TEST_CASE("brand settings: BRAND_ACCENT is #rrggbb") {
    for (const char* bad : {"0b7a5c", "#0b7a5", "#0b7a5cc", "green", "#gg0000", "rgb(0,0,0)"}) {
        INFO(bad);
        CHECK(has(only_problem(with("BRAND_ACCENT", bad), "BRAND_ACCENT"), "#rrggbb"));
    }
}

TEST_CASE("brand settings: SUPPORT_URL is an absolute https URL (http only on this machine)") {
    CHECK(has(only_problem(with("SUPPORT_URL", "http://help.example.com"), "SUPPORT_URL"), "must use https"));
    CHECK(has(only_problem(with("SUPPORT_URL", "javascript:alert(1)"), "SUPPORT_URL"), "absolute http(s) URL"));
    CHECK(has(only_problem(with("SUPPORT_URL", "/help"), "SUPPORT_URL"), "absolute http(s) URL"));
    CHECK(has(only_problem(with("SUPPORT_URL", "https://help.example.com/a b"), "SUPPORT_URL"), "spaces"));
    // A file saved as Latin-1: refused here, not a crash when the page's JSON is written.
    CHECK(has(only_problem(with("SUPPORT_URL",
                                "https://help.example.com/gr\xfc\xdf"
                                "e"),
                           "SUPPORT_URL"),
              "UTF-8"));
}

TEST_CASE("brand settings: SUPPORT_URL's scheme is stored in lowercase, as the app compares it") {
    const auto r = load_config(with("SUPPORT_URL", "HTTPS://help.example.com/Profile"));
    REQUIRE(r.problems.empty());
    CHECK(r.config.support_url == "https://help.example.com/Profile");
}
