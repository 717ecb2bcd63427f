#include "platform/fonts.hpp"

#include "app/font_metrics.hpp"
#include "app/glyphs.hpp"
#include "platform/browser_text.hpp"

#include <emscripten/fetch.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace profiledesk::app::platform {
namespace {

constexpr float builtin_size = 13.0f;  // ProggyClean's design size

// The base font's ranges (app/glyphs.cpp, which decides what else to ask
// for), in ImGui's type.
const std::vector<ImWchar>& ttf_ranges() {
    static const std::vector<ImWchar> ranges = [] {
        std::vector<ImWchar> r;
        for (const char32_t* p = base_ranges; *p != 0; ++p) r.push_back(static_cast<ImWchar>(*p));
        r.push_back(0);
        return r;
    }();
    return ranges;
}

// A subset from GET /fonts/glyphs, merged into the base font at every build.
// ImGui reads both the bytes and the ranges at each Build (and the atlas is
// rebuilt when the pixel ratio changes), so they live as long as the program.
struct glyph_piece {
    std::vector<unsigned char> ttf;
    std::vector<ImWchar> ranges;  // exactly the subset's code points, 0-terminated
    std::vector<char32_t> codepoints;
};

// The UI font's sources and what the atlas was last built from, in one
// instance reached through the_ui_font() (as the input layer keeps its
// state, platform/input.cpp).
struct ui_font {
    std::vector<unsigned char> ttf;  // kept for the program's life: the atlas reads it on every rebuild
    bool ttf_arrived = false;
    std::vector<std::unique_ptr<glyph_piece>> pieces;  // merged in, in arrival order
    // What the atlas was built from (a change rebuilds it), and its size.
    bool ttf_in_atlas = false;
    std::size_t pieces_in_atlas = 0;
    double atlas_ratio = 0;
    float pixel_size = 0;             // the default font's rasterised size in device pixels
    std::vector<float> sizes{15.0f};  // CSS pixels, one font each (set_font_sizes)
    bool sizes_in_atlas = false;
    void (*done)() = nullptr;  // start_font_download's on_done
};

ui_font& the_ui_font() {
    static ui_font f;
    return f;
}

void on_fetched(emscripten_fetch_t* f, bool ok) {
    ui_font& font = the_ui_font();
    if (ok && f->status == 200 && f->numBytes > 0) {
        font.ttf.assign(reinterpret_cast<const unsigned char*>(f->data),
                        reinterpret_cast<const unsigned char*>(f->data) + f->numBytes);
        font.ttf_arrived = true;
        add_browser_font(font.ttf.data(), font.ttf.size(), true);  // complex text is laid out with it too
    } else {
        std::fprintf(stderr, "font %s not loaded (status %d): the built-in font stays\n", f->url, f->status);
    }
    emscripten_fetch_close(f);
    if (font.done) font.done();
}

}  // namespace

void set_font_sizes(std::vector<float> css_sizes) {
    ui_font& font = the_ui_font();
    if (css_sizes.empty() || css_sizes == font.sizes) return;
    font.sizes = std::move(css_sizes);
    font.sizes_in_atlas = false;
}

ImFont* type_font(std::size_t index) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) return nullptr;
    return index < static_cast<std::size_t>(atlas->Fonts.Size) ? atlas->Fonts[static_cast<int>(index)]
                                                               : atlas->Fonts[0];
}

void start_font_download(const char* url, void (*on_done)()) {
    the_ui_font().done = on_done;
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, "GET");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = 60000;
    attr.onsuccess = [](emscripten_fetch_t* f) { on_fetched(f, true); };
    attr.onerror = [](emscripten_fetch_t* f) { on_fetched(f, false); };
    emscripten_fetch(&attr, url);
}

bool update_fonts(double pixel_ratio) {
    if (pixel_ratio <= 0) pixel_ratio = 1;
    ui_font& font = the_ui_font();
    const bool atlas_current = pixel_ratio == font.atlas_ratio && font.ttf_in_atlas == font.ttf_arrived &&
                               font.pieces_in_atlas == font.pieces.size() && font.sizes_in_atlas;
    if (atlas_current) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Each subset merged into the font just added: one ImFont, whose missing
    // characters these fill, on the same baseline. Sized so that their em
    // equals the base font's (`base_em` pixels): an ideograph then stands as
    // tall beside a Latin letter as in any other text (font_metrics.hpp).
    // The built-in font has no TTF: its pixel size then.
    const auto merge_pieces = [&](float pixels, float base_em) {
        for (const auto& p : font.pieces) {
            ImFontConfig merge;
            merge.MergeMode = true;
            merge.FontDataOwnedByAtlas = false;
            merge.OversampleH = 2;
            merge.OversampleV = 1;
            const float em_per_pixel = em_pixels(p->ttf.data(), p->ttf.size(), 1.0f);
            const float size = base_em > 0 && em_per_pixel > 0 ? base_em / em_per_pixel : pixels;
            io.Fonts->AddFontFromMemoryTTF(p->ttf.data(), static_cast<int>(p->ttf.size()), size, &merge,
                                           p->ranges.data());
        }
    };
    if (font.ttf_arrived) {
        // One font per size of the type scale, each rasterised at its real
        // pixel size and each with every subset merged in: a Japanese section
        // heading or help line draws as a Latin one does.
        for (std::size_t i = 0; i < font.sizes.size(); ++i) {
            const float pixels = std::round(font.sizes[i] * static_cast<float>(pixel_ratio));
            if (i == 0) font.pixel_size = pixels;
            ImFontConfig cfg;
            cfg.FontDataOwnedByAtlas = false;  // `ttf` stays ours: Clear() must not free it
            cfg.OversampleH = 2;               // already at the real pixel size: no need for more
            cfg.OversampleV = 1;
            std::snprintf(cfg.Name, sizeof cfg.Name, "DejaVu Sans, %.0fpx", pixels);
            io.Fonts->AddFontFromMemoryTTF(font.ttf.data(), static_cast<int>(font.ttf.size()), pixels, &cfg,
                                           ttf_ranges().data());
            merge_pieces(pixels, em_pixels(font.ttf.data(), font.ttf.size(), pixels));
        }
    } else {
        ImFontConfig cfg;
        font.pixel_size = std::round(builtin_size * static_cast<float>(pixel_ratio));
        cfg.SizePixels = font.pixel_size;
        io.Fonts->AddFontDefault(&cfg);
        merge_pieces(font.pixel_size, 0);
    }
    io.Fonts->Build();
    io.FontGlobalScale = static_cast<float>(1.0 / pixel_ratio);
    font.atlas_ratio = pixel_ratio;
    font.ttf_in_atlas = font.ttf_arrived;
    font.pieces_in_atlas = font.pieces.size();
    font.sizes_in_atlas = true;
    return true;
}

void add_glyph_font(const std::string& ttf_bytes, const std::vector<char32_t>& codepoints) {
    auto p = std::make_unique<glyph_piece>();
    p->ttf.assign(ttf_bytes.begin(), ttf_bytes.end());
    ImFontGlyphRangesBuilder builder;
    for (const char32_t cp : codepoints) {
        if (cp <= IM_UNICODE_CODEPOINT_MAX) builder.AddChar(static_cast<ImWchar>(cp));
    }
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    p->ranges.assign(ranges.begin(), ranges.end());  // ends with the 0 BuildRanges adds
    p->codepoints = codepoints;
    // The page gets the same bytes: complex text (platform/browser_text) is
    // laid out with the very glyphs the atlas has.
    add_browser_font(p->ttf.data(), p->ttf.size(), false);
    the_ui_font().pieces.push_back(std::move(p));
}

std::vector<char32_t> merged_glyphs() {
    std::vector<char32_t> found;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) return found;
    const ImFont* font = atlas->Fonts[0];
    for (const auto& p : the_ui_font().pieces) {
        for (const char32_t cp : p->codepoints) {
            if (cp <= IM_UNICODE_CODEPOINT_MAX && font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr) {
                found.push_back(cp);
            }
        }
    }
    return found;
}

float font_pixel_size() { return the_ui_font().pixel_size; }

float font_em_ratio() {
    const ui_font& font = the_ui_font();
    if (!font.ttf_arrived) return 1.0f;
    // Cached: em_pixels reads the font's tables, and this is asked per string.
    static float ratio = 0;
    if (ratio == 0) ratio = em_pixels(font.ttf.data(), font.ttf.size(), 1.0f);
    return ratio > 0 ? ratio : 1.0f;
}
const char* font_name() { return the_ui_font().ttf_in_atlas ? "DejaVu Sans" : "builtin"; }

}  // namespace profiledesk::app::platform
