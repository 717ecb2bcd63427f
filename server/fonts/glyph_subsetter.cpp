#include "fonts/glyph_subsetter.hpp"

#include "profiledesk/core/complex_text.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>

namespace profiledesk::fonts {

// One font of the list: its HarfBuzz face (which keeps the file's bytes) and
// the code points its cmap maps, read once so lookups never parse the font.
struct glyph_subsetter::face {
    std::string name;
    hb_face_t* hb = nullptr;
    hb_set_t* unicodes = nullptr;
    ~face() {
        hb_set_destroy(unicodes);
        hb_face_destroy(hb);
    }
};

namespace {

// The subset of `face` holding exactly `cps`, without hinting, which
// neither ImGui's rasteriser (stb_truetype) nor the page needs at these
// sizes. Layout tables (GSUB, GPOS, GDEF) stay only when a code point needs
// shaping or bidi (core/complex_text.hpp): the page lays such text out with
// these very bytes (wasm/platform/browser_text), and Arabic letters join,
// Devanagari conjuncts form and Thai marks stack only through them; the
// subset then also holds the glyphs they substitute (hb-subset's closure).
// ImGui ignores them; other scripts' subsets stay as small as before.
// "" if HarfBuzz fails.
std::string cut(hb_face_t* face, const std::vector<char32_t>& cps) {
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (input == nullptr) return {};
    hb_set_t* unicodes = hb_subset_input_unicode_set(input);
    for (const char32_t cp : cps) hb_set_add(unicodes, cp);
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    const bool shaped = std::any_of(cps.begin(), cps.end(), core::needs_complex_layout);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "morx", "kerx", "kern"}) {
        if (!shaped || tag[0] == 'm' || tag[0] == 'k') hb_set_add(drop, hb_tag_from_string(tag, 4));
    }
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t* out = hb_subset_or_fail(face, input);
    hb_subset_input_destroy(input);
    if (out == nullptr) return {};
    hb_blob_t* blob = hb_face_reference_blob(out);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::string bytes(data == nullptr ? "" : std::string(data, length));
    hb_blob_destroy(blob);
    hb_face_destroy(out);
    return bytes;
}

}  // namespace

std::shared_ptr<const glyph_subsetter> glyph_subsetter::load(const std::vector<font_source>& sources,
                                                             std::vector<std::string>& problems) {
    std::shared_ptr<glyph_subsetter> s(new glyph_subsetter());
    for (const auto& src : sources) {
        hb_blob_t* blob = hb_blob_create_from_file_or_fail(src.file.c_str());
        if (blob == nullptr) {
            problems.push_back(src.file.string() + " cannot be read: its script's glyphs will be missing");
            continue;
        }
        auto f = std::make_unique<face>();
        f->name = src.name;
        f->hb = hb_face_create(blob, 0);
        hb_blob_destroy(blob);  // the face holds its own reference
        f->unicodes = hb_set_create();
        hb_face_collect_unicodes(f->hb, f->unicodes);
        if (hb_set_get_population(f->unicodes) == 0) {
            problems.push_back(src.file.string() + " maps no characters (not a font?): left out");
            continue;
        }
        hb_face_make_immutable(f->hb);
        s->faces_.push_back(std::move(f));
    }
    return s;
}

glyph_subsetter::~glyph_subsetter() = default;

std::size_t glyph_subsetter::font_count() const { return faces_.size(); }

glyph_answer glyph_subsetter::subset(const std::vector<char32_t>& codepoints) const {
    std::vector<std::vector<char32_t>> per_face(faces_.size());
    glyph_answer answer;
    for (const char32_t cp : codepoints) {
        std::size_t i = 0;
        while (i < faces_.size() && !hb_set_has(faces_[i]->unicodes, cp)) ++i;
        if (i < faces_.size()) {
            per_face[i].push_back(cp);
        } else {
            answer.missing.push_back(cp);
        }
    }
    for (std::size_t i = 0; i < faces_.size(); ++i) {
        if (per_face[i].empty()) continue;
        auto ttf = cut(faces_[i]->hb, per_face[i]);
        if (ttf.empty()) {
            // Never seen; but a font we cannot cut must not answer with a broken one.
            answer.missing.insert(answer.missing.end(), per_face[i].begin(), per_face[i].end());
            continue;
        }
        answer.fonts.push_back({faces_[i]->name, std::move(per_face[i]), std::move(ttf)});
    }
    std::sort(answer.missing.begin(), answer.missing.end());
    return answer;
}

std::vector<font_source> shipped_fonts(const std::filesystem::path& site_root) {
    // DejaVu first, so a character it has looks like the rest of the UI (it
    // covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic...);
    // Lohit before Droid for Devanagari; Garuda (TLWG) for Thai; Droid for CJK and Kana: its Full cut
    // first (CJK Extension A), then its other cut, for the Hangul syllables
    // the Full one lacks (3 of 11,172).
    // All are the server's alone (wasm/CMakeLists.txt puts them in fonts/,
    // outside web/); the served web/fonts/DejaVuSans.ttf is a cut of the first.
    return {
        {"DejaVu Sans", site_root / "fonts" / "DejaVuSans.ttf"},
        {"Lohit Devanagari", site_root / "fonts" / "Lohit-Devanagari.ttf"},
        {"Garuda", site_root / "fonts" / "Garuda.ttf"},
        {"Droid Sans Fallback", site_root / "fonts" / "DroidSansFallbackFull.ttf"},
        {"Droid Sans Fallback", site_root / "fonts" / "DroidSansFallback.ttf"},
    };
}

}  // namespace profiledesk::fonts
