// Which text the app's canvas cannot draw one glyph per code point, left to
// right, with its ImGui font atlas: right-to-left scripts (UAX #9 bidi),
// scripts whose letters join or reorder (Arabic, Indic, Thai, Hangul jamo...:
// they need shaping) and combining marks. Such a string is laid out by the
// browser instead (issue 15's design: wasm/platform/browser_text); all
// others (Latin, Greek, Cyrillic, CJK, kana, Hangul syllables...) stay on
// the atlas, which draws them correctly and fast.
//
// A table of Unicode blocks rather than a bidi/shaping library: the app only
// needs a yes/no per code point to pick a renderer, the browser does the
// real work, and the table costs a few hundred bytes where HarfBuzz or
// FriBidi in the Wasm would cost hundreds of kilobytes.
#pragma once

#include <string_view>

namespace profiledesk::core {

// `cp` belongs to a right-to-left or complex script, is a combining mark,
// or is a bidi control or a zero-width (non-)joiner.
bool needs_complex_layout(char32_t cp);

// Some code point of `utf8` does (ill-formed bytes do not).
bool is_complex_text(std::string_view utf8);

}  // namespace profiledesk::core
