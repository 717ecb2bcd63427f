// The query of GET /fonts/glyphs: `u=` followed by hexadecimal Unicode code
// points separated by commas ("u=674e,4e2d"). Pure, so it is unit-tested
// without a server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::fonts {

// The most code points one request may ask for: enough for every distinct
// character of a long profile in one script, small enough that one request
// costs the server little (each is a subset of a few fonts).
inline constexpr std::size_t max_codepoints_per_query = 512;

struct glyph_query {
    std::vector<char32_t> codepoints;  // ascending, no duplicates
    std::string error;                 // stable code when the query is refused ("" when fine)
    std::string message;               // for a person
    bool ok() const { return error.empty(); }
};

// `query` is the target's query string, without the '?'. Refused (error set):
// no `u`, an empty or non-hex item, more than 6 hex digits, a value past
// U+10FFFF, a surrogate (U+D800..U+DFFF: not a character), or more than
// max_codepoints_per_query items. Order and repeats are accepted (a client
// should send them sorted, so equal requests share one cache entry).
glyph_query parse_glyph_query(std::string_view query);

}  // namespace profiledesk::fonts
