#include "platform/fonts.hpp"

#include <emscripten/fetch.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace profiledesk::app::platform {
namespace {

constexpr float builtin_size = 13.0f;  // ProggyClean's design size
constexpr float ttf_size = 15.0f;      // CSS pixels

// Latin, Latin Extended (A, B, Additional), Greek, Cyrillic (+ Supplement),
// General Punctuation, currency signs, and the replacement character ImGui
// draws for anything else.
const ImWchar ttf_ranges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF,
    0x2000, 0x206F, 0x20A0, 0x20CF, 0xFFFD, 0xFFFD, 0,
};

std::vector<unsigned char> ttf;  // kept for the program's life: the atlas reads it on every rebuild
bool ttf_arrived = false;
bool ttf_in_atlas = false;
double atlas_ratio = 0;
float pixel_size = 0;
void (*font_done)() = nullptr;

void on_fetched(emscripten_fetch_t* f, bool ok) {
    if (ok && f->status == 200 && f->numBytes > 0) {
        ttf.assign(reinterpret_cast<const unsigned char*>(f->data),
                   reinterpret_cast<const unsigned char*>(f->data) + f->numBytes);
        ttf_arrived = true;
    } else {
        std::fprintf(stderr, "font %s not loaded (status %d): the built-in font stays\n", f->url, f->status);
    }
    emscripten_fetch_close(f);
    if (font_done) font_done();
}

}  // namespace

void start_font_download(const char* url, void (*on_done)()) {
    font_done = on_done;
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
    if (pixel_ratio == atlas_ratio && ttf_in_atlas == ttf_arrived) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    if (ttf_arrived) {
        pixel_size = std::round(ttf_size * static_cast<float>(pixel_ratio));
        cfg.FontDataOwnedByAtlas = false;  // `ttf` stays ours: Clear() must not free it
        cfg.OversampleH = 2;               // already at the real pixel size: no need for more
        cfg.OversampleV = 1;
        std::snprintf(cfg.Name, sizeof cfg.Name, "DejaVu Sans, %.0fpx", pixel_size);
        io.Fonts->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), pixel_size, &cfg, ttf_ranges);
    } else {
        pixel_size = std::round(builtin_size * static_cast<float>(pixel_ratio));
        cfg.SizePixels = pixel_size;
        io.Fonts->AddFontDefault(&cfg);
    }
    io.Fonts->Build();
    io.FontGlobalScale = static_cast<float>(1.0 / pixel_ratio);
    atlas_ratio = pixel_ratio;
    ttf_in_atlas = ttf_arrived;
    return true;
}

float font_pixel_size() { return pixel_size; }
const char* font_name() { return ttf_in_atlas ? "DejaVu Sans" : "builtin"; }

}  // namespace profiledesk::app::platform
