// Glyphs for other scripts, on demand: for a few code points, the smallest
// TrueType fonts that draw them, cut with HarfBuzz's hb-subset from a
// fallback list of fonts (DejaVu Sans, then Lohit Devanagari, then Droid
// Sans Fallback's two cuts for CJK, Kana and Hangul). The app merges them into its font
// atlas, so it never needs a whole CJK font (tens of MB of atlas).
#pragma once

#include "profiledesk/core/glyph_answer.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace profiledesk::fonts {

struct font_source {
    std::string name;  // shown to clients, e.g. "Droid Sans Fallback"
    std::filesystem::path file;
};

// The answer's types are the wire contract's (core/glyph_answer.hpp).
using font_subset = core::glyph_font;
using glyph_answer = core::glyph_answer;

class glyph_subsetter {
public:
    // Opens each font once and reads the code points it maps (cmap). A font
    // that cannot be read is left out and named in `problems`.
    static std::shared_ptr<const glyph_subsetter> load(const std::vector<font_source>& sources,
                                                       std::vector<std::string>& problems);
    ~glyph_subsetter();
    glyph_subsetter(const glyph_subsetter&) = delete;
    glyph_subsetter& operator=(const glyph_subsetter&) = delete;

    // Each code point goes to the first font that has it. `codepoints` must be
    // ascending and unique (parse_glyph_query's output). Safe from several
    // threads: HarfBuzz faces are immutable once made.
    glyph_answer subset(const std::vector<char32_t>& codepoints) const;

    std::size_t font_count() const;

private:
    struct face;
    glyph_subsetter() = default;
    std::vector<std::unique_ptr<face>> faces_;
};

// The fallback list shipped with the site (`site_root`: --static-root).
std::vector<font_source> shipped_fonts(const std::filesystem::path& site_root);

}  // namespace profiledesk::fonts
