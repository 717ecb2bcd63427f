#include "fonts/glyph_query.hpp"

#include "http/url.hpp"
#include "profiledesk/core/api_errors.hpp"

#include <algorithm>

namespace profiledesk::fonts {
namespace {

glyph_query refuse(std::string_view code, std::string message) {
    glyph_query q;
    q.error = std::string(code);
    q.message = std::move(message);
    return q;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

glyph_query parse_glyph_query(std::string_view query) {
    const auto params = http::parse_query(query);
    const auto u = params ? http::single_param(*params, "u") : std::nullopt;
    if (!u) {
        return refuse(core::api_error::bad_codepoints,
                      "Give the code points once, as u=<hex>,<hex>... (e.g. /fonts/glyphs?u=674e,4e2d).");
    }
    glyph_query q;
    std::string_view rest = *u;
    std::size_t items = 0;
    for (;;) {
        const auto comma = rest.find(',');
        const auto item = rest.substr(0, comma);
        if (++items > max_codepoints_per_query) {
            return refuse(core::api_error::too_many_codepoints,
                          "At most " + std::to_string(max_codepoints_per_query) + " code points per request.");
        }
        if (item.empty() || item.size() > 6) {
            return refuse(core::api_error::bad_codepoints,
                          "Each code point is 1 to 6 hexadecimal digits, separated by commas.");
        }
        char32_t cp = 0;
        for (const char c : item) {
            const int d = hex_digit(c);
            if (d < 0) {
                return refuse(core::api_error::bad_codepoints,
                              "'" + std::string(item) + "' is not a hexadecimal code point (e.g. 674e).");
            }
            cp = cp * 16 + static_cast<char32_t>(d);
        }
        if (cp > 0x10FFFF) {
            return refuse(core::api_error::bad_codepoints, "Code points end at 10ffff; got " + std::string(item) + ".");
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return refuse(core::api_error::bad_codepoints, std::string(item) + " is a surrogate, not a character.");
        }
        q.codepoints.push_back(cp);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    std::sort(q.codepoints.begin(), q.codepoints.end());
    q.codepoints.erase(std::unique(q.codepoints.begin(), q.codepoints.end()), q.codepoints.end());
    return q;
}

}  // namespace profiledesk::fonts
