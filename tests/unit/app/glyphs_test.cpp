#include "app/glyphs.hpp"
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace profiledesk::app;
using nlohmann::json;

namespace {

// A state whose user is called `name` (session and profile agree).
app_state named(const std::string& name) {
    app_state s;
    start(s);
    auto sess = fixtures::session();
    sess["user"]["name"] = name;
    on_session(s, fixtures::answer(200, sess));
    auto view = fixtures::profile_view();
    view["user"]["name"] = name;
    // The built-in schema offers 日本語 and العربية as languages, whose
    // glyphs every page asks for: these tests count only the name's.
    for (auto& f : view["schema"]["fields"]) {
        if (f["key"] != "language") continue;
        auto& options = f["options"];
        options.erase(std::remove_if(options.begin(), options.end(),
                                     [](const json& o) { return o["value"] == "ja" || o["value"] == "ar"; }),
                      options.end());
    }
    on_profile(s, fixtures::answer(200, view));
    return s;
}

std::vector<char32_t> asked_in(const std::string& url) {
    // "/fonts/glyphs?u=4e2d,674e" -> {0x4e2d, 0x674e}
    std::vector<char32_t> out;
    const auto q = url.substr(url.find("u=") + 2);
    std::size_t pos = 0;
    while (pos < q.size()) {
        const auto comma = q.find(',', pos);
        out.push_back(static_cast<char32_t>(std::stoul(q.substr(pos, comma - pos), nullptr, 16)));
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return out;
}

json glyph_answer(const std::vector<char32_t>& cps, const std::vector<char32_t>& missing = {}) {
    std::vector<unsigned> c(cps.begin(), cps.end()), m(missing.begin(), missing.end());
    json fonts = json::array();
    if (!c.empty()) fonts.push_back({{"name", "Droid Sans Fallback"}, {"codepoints", c}, {"ttf", "AAEAAA=="}});
    return {{"fonts", fonts}, {"missing", m}};
}

}  // namespace

TEST_CASE("glyphs: the base font's ranges hold Latin, Greek and Cyrillic, not CJK or Arabic") {
    for (const char32_t cp : {U'A', U'é', U'Ω', U'Ж', U'\uFFFD', U'€'}) CHECK(in_base_ranges(cp));
    for (const char32_t cp : {U'李', U'ا', U'ש', U'क', U'한'}) CHECK_FALSE(in_base_ranges(cp));
}

TEST_CASE("glyphs: ill-formed text is drawn as U+FFFD and asks the server for nothing") {
    // An overlong '/' and a UTF-16 surrogate: neither is a character to fetch.
    auto s = named("Ada Lovelace");
    edit_text(s, "user_metadata.city", "Zo\xC0\xAF \xED\xA0\x80");
    CHECK(take_glyph_request(s).empty());
}

TEST_CASE("glyphs: a name in Latin and Cyrillic needs nothing from the server") {
    auto s = named("Zoë Жуковская");
    CHECK(take_glyph_request(s).empty());
    CHECK(request_glyphs(s).empty());
}

TEST_CASE("glyphs: a CJK name asks once for exactly what the atlas lacks") {
    auto s = named("Zoë 李");
    const auto e = request_glyphs(s);
    REQUIRE(e.size() == 1);
    CHECK(e[0].what == effect::kind::get_glyphs);
    CHECK(e[0].url == "/fonts/glyphs?u=674e");
    SECTION("not again while it is in flight") { CHECK(request_glyphs(s).empty()); }
    SECTION("typing a new character asks for that one only") {
        edit_text(s, "name", "Zoë 李中");
        CHECK(take_glyph_request(s) == "/fonts/glyphs?u=4e2d");
    }
    SECTION("the answer's subsets come back decoded, and are never asked again") {
        const auto fonts = on_glyphs(s, e[0].url, fixtures::answer(200, glyph_answer({0x674E})));
        REQUIRE(fonts.size() == 1);
        CHECK(fonts[0].name == "Droid Sans Fallback");
        CHECK(fonts[0].codepoints == std::vector<char32_t>{0x674E});
        CHECK(fonts[0].ttf == std::string("\x00\x01\x00\x00", 4));
        CHECK(s.glyphs.arrived.count(0x674E) == 1);
        CHECK(s.glyphs.in_flight.empty());
        CHECK(request_glyphs(s).empty());
    }
    SECTION("what no font has is reported missing and never asked again") {
        CHECK(on_glyphs(s, e[0].url, fixtures::answer(200, glyph_answer({}, {0x674E}))).empty());
        CHECK(s.glyphs.missing.count(0x674E) == 1);
        CHECK(request_glyphs(s).empty());
    }
    SECTION("a failed request gives its characters up instead of looping") {
        CHECK(on_glyphs(s, e[0].url, fixtures::answer(503, {{"error", "x"}, {"message", "y"}})).empty());
        CHECK(s.glyphs.missing.count(0x674E) == 1);
        CHECK(request_glyphs(s).empty());
    }
    SECTION("a busy server (503 glyphs_busy) is asked again after its Retry-After, not given up") {
        s.now_s = 100;
        CHECK(on_glyphs(s, e[0].url, fixtures::answer(503, {{"error", "glyphs_busy"}, {"message", "busy"}}, "1"))
                  .empty());
        CHECK(s.glyphs.missing.count(0x674E) == 0);
        CHECK(s.glyphs.in_flight.empty());
        s.now_s = 100.5;
        CHECK(request_glyphs(s).empty());  // Retry-After: 1 has not passed
        s.now_s = 101;
        const auto again = request_glyphs(s);
        REQUIRE(again.size() == 1);
        CHECK(again[0].url == "/fonts/glyphs?u=674e");
    }
    SECTION("an answer with code points nobody asked for or bad base64 merges nothing") {
        auto body = glyph_answer({0x674E});
        body["fonts"][0]["codepoints"] = {0x4E2D};
        CHECK(on_glyphs(s, e[0].url, fixtures::answer(200, body)).empty());
        auto s2 = named("李");
        const auto url = take_glyph_request(s2);
        auto bad = glyph_answer({0x674E});
        bad["fonts"][0]["ttf"] = "not base64!";
        CHECK(on_glyphs(s2, url, fixtures::answer(200, bad)).empty());
        CHECK(s2.glyphs.missing.count(0x674E) == 1);
    }
    SECTION("an answer to a request never made is ignored") {
        CHECK(on_glyphs(s, "/fonts/glyphs?u=41", fixtures::answer(200, glyph_answer({0x41}))).empty());
        CHECK(s.glyphs.in_flight.size() == 1);
    }
}

TEST_CASE("glyphs: every shown string counts: draft, metadata, messages, initials") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "القاهرة");  // Arabic, typed
    s.notice = "שמור";                              // Hebrew, a message
    s.user->name = "अनु";                            // Devanagari, the name (and its initial)
    const auto cps = shown_codepoints(s);
    for (const char32_t cp : {U'ق', U'ש', U'अ', U'न'}) CHECK(cps.count(cp) == 1);
    CHECK(cps.count(U'\n') == 0);
    const auto asked = asked_in(take_glyph_request(s));
    CHECK(std::is_sorted(asked.begin(), asked.end()));
    CHECK(std::find(asked.begin(), asked.end(), U'ق') != asked.end());
    CHECK(std::none_of(asked.begin(), asked.end(), [](char32_t c) { return in_base_ranges(c); }));
}

TEST_CASE("glyphs: a long text is asked for in batches the server accepts") {
    auto s = named("Ada Lovelace");
    std::string text;
    for (char32_t cp = 0x4E00; cp < 0x4E00 + 600; ++cp) {  // 600 distinct CJK ideographs, 3 bytes each
        text += static_cast<char>(0xE0 | (cp >> 12));
        text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (cp & 0x3F));
    }
    edit_text(s, "user_metadata.bio", text);
    const auto first = asked_in(take_glyph_request(s));
    const auto second = asked_in(take_glyph_request(s));
    CHECK(first.size() == max_glyphs_per_request);
    CHECK(second.size() == 600 - max_glyphs_per_request);
    CHECK(second.front() > first.back());
    CHECK(take_glyph_request(s).empty());
}

TEST_CASE("glyphs: the test hook shows what the atlas holds and what is missing") {
    auto s = fixtures::signed_in();
    s.glyphs.in_atlas = {0x674E};
    s.glyphs.missing = {0x1F600};
    const auto j = state_to_json(s);
    CHECK(j["glyphs"]["inAtlas"] == json::array({0x674E}));
    CHECK(j["glyphs"]["missing"] == json::array({0x1F600}));
    CHECK(j["glyphs"]["pending"] == 0);
}
