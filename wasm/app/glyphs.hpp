// Glyphs for other scripts, on demand. The font atlas starts with DejaVu
// Sans for Latin, Greek and Cyrillic (base_ranges); any other character the
// page shows (a name in CJK, Arabic, Devanagari...; typed or loaded) is asked
// of the server (GET /fonts/glyphs, at most max_per_request at a time) and
// its answer, small TrueType subsets, is merged into the atlas by the
// platform layer (platform/fonts.cpp). Pure: no ImGui, no Emscripten.
#pragma once

#include "net/api_result.hpp"

#include "profiledesk/core/glyph_answer.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace profiledesk::app {

struct app_state;

// [first, last] pairs the base font is loaded with, ending with 0 (ImGui's
// glyph range format): Latin (with Extended A/B and Additional), Greek,
// Cyrillic (with Supplement), General Punctuation, currency signs, and
// U+FFFD, which ImGui draws for anything the atlas lacks. The served font
// holds exactly these (pd_ui_font_unicodes in wasm/CMakeLists.txt: keep both
// alike).
extern const char32_t base_ranges[];
bool in_base_ranges(char32_t cp);

// The server's bound (server/fonts/glyph_query.hpp).
inline constexpr std::size_t max_glyphs_per_request = 512;

struct glyph_state {
    std::map<std::string, std::vector<char32_t>> in_flight;  // by request URL
    std::set<char32_t> arrived;      // a subset holding them came back (merged at the next frame)
    std::set<char32_t> missing;      // no font has them, or their request failed: never asked again
    std::vector<char32_t> in_atlas;  // of `arrived`, those the built atlas really draws (test hook)
    // After a 503 glyphs_busy (the server's font workers are full): no request
    // before this time (app_state::now_s), then what was asked is asked again.
    double retry_at_s = 0;
};

// The longest wait a busy server's Retry-After can impose (it says 1 s):
// characters stay boxes no longer than this after the server frees up.
inline constexpr int max_glyph_retry_wait_s = 30;

// One subset to merge: exactly `codepoints`, drawn by `ttf` (TrueType bytes).
using glyph_font = core::glyph_font;  // the wire's (core/glyph_answer.hpp)

// Every printable character the page may show now: the profile as loaded
// (values, labels, help, reasons, options), the draft, the user's name and
// initials, and the app's messages.
std::set<char32_t> shown_codepoints(const app_state& s);

// "/fonts/glyphs?u=674e,4e2d" for ascending code points.
std::string glyph_request_url(const std::vector<char32_t>& codepoints);

// The next batch to ask for: shown characters the atlas lacks that are not
// asked, arrived or missing already (ascending, at most max_glyphs_per_request);
// empty when there is nothing to ask, or while a busy server's Retry-After
// runs (glyph_state::retry_at_s). Records the batch as in flight under the
// returned URL.
std::string take_glyph_request(app_state& s);

// The answer to the request `url`: the subsets to merge (each checked: only
// code points that were asked, decodable base64, non-empty). What was asked
// and did not come back becomes missing, so it is never asked again; except
// after 503 glyphs_busy, when it is asked again after Retry-After.
std::vector<glyph_font> on_glyphs(app_state& s, const std::string& url, const net::api_result& r);

}  // namespace profiledesk::app
