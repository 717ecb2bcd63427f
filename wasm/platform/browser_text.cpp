#include "platform/browser_text.hpp"

#include "platform/fonts.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <list>
#include <string>
#include <unordered_map>

// wasm/js/browser_text.js
extern "C" {
void pd_js_text_add_font(const unsigned char* ttf, std::size_t size, int is_base);
int pd_js_text_generation();
int pd_js_text_render(const char* text, float em_px, float wrap_px, std::int32_t* out);
void pd_js_text_delete(unsigned texture);
char* pd_js_text_font_stack();
int pd_js_text_fonts_loading();
}

namespace profiledesk::app::platform {
namespace {

// A page holds a few dozen strings at once (labels, values, reasons); 256
// keeps every one of them and what a scroll brings back, while bounding the
// textures (a line of text at 2x is ~1000 x 40 px: 160 KB of GPU memory,
// 40 MB at most).
constexpr std::size_t max_layouts = 256;

struct layout_key {
    std::string text;
    float em_px;    // device pixels
    float wrap_px;  // device pixels, 0: one line
    bool operator==(const layout_key& o) const { return text == o.text && em_px == o.em_px && wrap_px == o.wrap_px; }
};

struct layout_key_hash {
    std::size_t operator()(const layout_key& k) const {
        return std::hash<std::string>()(k.text) ^ (std::hash<float>()(k.em_px) * 31) ^
               (std::hash<float>()(k.wrap_px) * 131);
    }
};

struct entry {
    layout_key key;
    laid_out_text text;
    int used_in_frame = 0;
};

// Most recently used first; each entry owns its texture.
struct layout_cache {
    std::list<entry> entries;
    std::unordered_map<layout_key, std::list<entry>::iterator, layout_key_hash> index;
    int generation = 0;  // the page's font generation the layouts were made with
    double pixel_ratio = 1;
    int frame = 0;

    void drop(std::list<entry>::iterator it) {
        const auto id = static_cast<unsigned>(reinterpret_cast<std::intptr_t>(it->text.texture));
        if (id != 0) pd_js_text_delete(id);
        index.erase(it->key);
        entries.erase(it);
    }
    void clear() {
        while (!entries.empty()) drop(entries.begin());
    }
    // The least recently used entries beyond the bound, but none drawn in
    // this frame: its draw list still names their textures.
    void trim() {
        while (entries.size() > max_layouts && entries.back().used_in_frame != frame) drop(std::prev(entries.end()));
    }
};

layout_cache& the_cache() {
    static layout_cache c;
    return c;
}

laid_out_text make_layout(const layout_key& key, double ratio) {
    std::int32_t out[7] = {};
    const bool rtl = pd_js_text_render(key.text.c_str(), key.em_px, key.wrap_px, out) != 0;
    const auto units = [ratio](std::int32_t px) { return static_cast<float>(px / ratio); };
    laid_out_text t;
    t.rtl = rtl;
    if (out[0] == 0) return t;
    t.texture = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(out[0]));
    t.size = ImVec2(units(out[1]), units(out[2]));
    t.texture_offset = ImVec2(units(out[3]), units(out[4]));
    t.texture_size = ImVec2(units(out[5]), units(out[6]));
    return t;
}

// Device pixels per ImGui unit.
double ratio_now() {
    const float scale = ImGui::GetIO().FontGlobalScale;
    return scale > 0 ? 1.0 / scale : 1.0;
}

}  // namespace

const laid_out_text& browser_text_sized(std::string_view utf8, float font_size, float wrap_width) {
    layout_cache& cache = the_cache();
    const double ratio = ratio_now();
    // The atlas's font size is its line height; the browser's font-size is
    // the em, which for DejaVu Sans is 0.86 of that (font_metrics.hpp). Same
    // em, same line box: browser text stands exactly where atlas text would.
    layout_key key{std::string(utf8), std::round(browser_text_em(font_size) * static_cast<float>(ratio) * 100) / 100,
                   std::floor(wrap_width * static_cast<float>(ratio))};
    auto it = cache.index.find(key);
    if (it == cache.index.end()) {
        cache.entries.push_front(entry{key, make_layout(key, ratio), cache.frame});
        cache.index.emplace(key, cache.entries.begin());
        it = cache.index.find(key);
    } else {
        cache.entries.splice(cache.entries.begin(), cache.entries, it->second);
    }
    it->second->used_in_frame = cache.frame;
    cache.trim();
    return it->second->text;
}

const laid_out_text& browser_text(std::string_view utf8, float wrap_width) {
    return browser_text_sized(utf8, ImGui::GetFontSize(), wrap_width);
}

void draw_laid_out_text(ImDrawList* list, ImVec2 pos, ImU32 color, const laid_out_text& t) {
    if (t.texture == nullptr) return;
    // On whole device pixels: the texture's pixels then land on the screen's
    // one for one, as sharp as the browser draws them.
    const float ratio = static_cast<float>(ratio_now());
    const ImVec2 a(std::round((pos.x + t.texture_offset.x) * ratio) / ratio,
                   std::round((pos.y + t.texture_offset.y) * ratio) / ratio);
    list->AddImage(t.texture, a, ImVec2(a.x + t.texture_size.x, a.y + t.texture_size.y), ImVec2(0, 0), ImVec2(1, 1),
                   color);
}

void draw_browser_text(ImDrawList* list, ImVec2 pos, ImU32 color, std::string_view utf8, float wrap_width) {
    draw_laid_out_text(list, pos, color, browser_text(utf8, wrap_width));
}

void add_browser_font(const unsigned char* ttf, std::size_t size, bool is_base) {
    pd_js_text_add_font(ttf, size, is_base ? 1 : 0);
}

bool browser_text_stale() { return pd_js_text_generation() != the_cache().generation; }

void update_browser_text(double pixel_ratio) {
    layout_cache& cache = the_cache();
    ++cache.frame;
    const int generation = pd_js_text_generation();
    if (generation == cache.generation && pixel_ratio == cache.pixel_ratio) return;
    cache.clear();
    cache.generation = generation;
    cache.pixel_ratio = pixel_ratio;
}

std::string browser_font_stack() {
    char* s = pd_js_text_font_stack();
    std::string out = s != nullptr ? s : "";
    std::free(s);
    return out;
}

int browser_fonts_loading() { return pd_js_text_fonts_loading(); }

float browser_text_em(float font_size) { return font_size * font_em_ratio(); }

}  // namespace profiledesk::app::platform
