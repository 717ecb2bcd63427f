#include "app/glyphs.hpp"

#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "app/profile_form.hpp"
#include "profiledesk/core/api_errors.hpp"

#include "profiledesk/core/glyph_answer.hpp"
#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <cstdio>

namespace profiledesk::app {

const char32_t base_ranges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20A0, 0x20CF, 0xFFFD, 0xFFFD, 0,
};

bool in_base_ranges(char32_t cp) {
    for (const char32_t* r = base_ranges; r[0] != 0; r += 2) {
        if (cp >= r[0] && cp <= r[1]) return true;
    }
    return false;
}

namespace {

void add_text(const std::string& text, std::set<char32_t>& out) {
    // An ill-formed sequence is drawn as U+FFFD, which the base font has.
    for (const char32_t cp : core::decode_utf8_replacing(text)) {
        // Control characters draw nothing (a field's new lines are layout).
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
        out.insert(cp);
    }
}

// Every string inside a JSON value (not the keys: those are ids, never shown).
void add_json(const nlohmann::json& j, std::set<char32_t>& out) {
    if (j.is_string()) {
        add_text(j.get_ref<const std::string&>(), out);
    } else if (j.is_structured()) {
        for (const auto& v : j) add_json(v, out);
    }
}

}  // namespace

std::set<char32_t> shown_codepoints(const app_state& s) {
    std::set<char32_t> out;
    if (s.user) {
        add_text(s.user->name, out);
        add_text(initials(s.user->name), out);
    }
    if (s.profile) {
        // The whole answer: values, schema labels, help, placeholders, option
        // labels, read-only reasons. A little more than is on screen at once,
        // but a superset is what keeps every shown string covered.
        // The schema's texts in the current language only (the form's and
        // the options' labels below), not every translation it carries.
        for (const auto& [key, value] : s.profile->view.items()) {
            if (key != "schema") add_json(value, out);
        }
        for (const auto& def : s.profile->schema.fields) {
            for (const auto& o : def.options) add_text(option_label(o), out);
        }
        add_text(s.profile->email, out);
        add_text(s.profile->identity_label, out);
        for (const auto& f : s.profile->fields) {
            add_text(f.label, out);
            add_text(f.reason, out);
            add_text(f.help, out);
            add_text(f.placeholder, out);
        }
        for (const auto& sec : s.profile->sections) add_text(sec.label, out);
    }
    for (const auto& [id, v] : s.draft) add_json(v, out);
    for (const auto& [id, m] : s.client_errors) add_text(m, out);
    for (const auto& [id, m] : s.server_errors) add_text(m, out);
    for (const auto& c : s.conflicts) {
        add_text(c.label, out);
        add_json(c.mine, out);
        add_json(c.theirs, out);
    }
    add_text(s.status_text.shown(), out);
    add_text(s.error_message, out);
    add_text(s.notice, out);
    // The current language's catalog (a Japanese UI needs its kanji), its
    // name in the switcher, and once the switcher has opened, every
    // language's own name (日本語).
    add_text(s.language.catalog_text, out);
    for (const auto& l : core::languages) {
        if (s.language.switcher_opened || l.tag == s.language.current) add_text(std::string(l.native_name), out);
    }
    return out;
}

std::string glyph_request_url(const std::vector<char32_t>& codepoints) {
    std::string url = "/fonts/glyphs?u=";
    char hex[16];
    for (std::size_t i = 0; i < codepoints.size(); ++i) {
        std::snprintf(hex, sizeof hex, "%s%x", i == 0 ? "" : ",", static_cast<unsigned>(codepoints[i]));
        url += hex;
    }
    return url;
}

std::string take_glyph_request(app_state& s) {
    auto& g = s.glyphs;
    if (s.now_s < g.retry_at_s) return {};
    std::vector<char32_t> batch;
    for (const char32_t cp : shown_codepoints(s)) {  // ascending: equal requests share a cache entry
        if (in_base_ranges(cp) || g.arrived.count(cp) > 0 || g.missing.count(cp) > 0) continue;
        const bool asked = std::any_of(g.in_flight.begin(), g.in_flight.end(), [cp](const auto& r) {
            return std::binary_search(r.second.begin(), r.second.end(), cp);
        });
        if (asked) continue;
        batch.push_back(cp);
        if (batch.size() == max_glyphs_per_request) break;
    }
    if (batch.empty()) return {};
    auto url = glyph_request_url(batch);
    g.in_flight[url] = std::move(batch);
    return url;
}

effects request_glyphs(app_state& s) {
    auto url = take_glyph_request(s);
    if (url.empty()) return {};
    return {effect{effect::kind::get_glyphs, std::move(url), {}}};
}

std::vector<glyph_font> on_glyphs(app_state& s, const std::string& url, const net::api_result& r) {
    auto& g = s.glyphs;
    const auto it = g.in_flight.find(url);
    if (it == g.in_flight.end()) return {};
    const std::vector<char32_t> asked = std::move(it->second);
    g.in_flight.erase(it);
    if (r.status == 503 && r.error == core::api_error::glyphs_busy) {
        // Not missing: the server had no worker free. Asked again later.
        g.retry_at_s = s.now_s + std::clamp(r.retry_after_s, 1, max_glyph_retry_wait_s);
        return {};
    }
    std::vector<glyph_font> fonts;
    std::set<char32_t> delivered;
    if (r.kind == net::outcome::ok) {
        for (auto& font : core::glyph_answer_from_json(r.body).fonts) {
            // Only what was asked, each character from the first font that has it.
            std::vector<char32_t> wanted;
            for (const char32_t cp : font.codepoints) {
                if (std::binary_search(asked.begin(), asked.end(), cp) && delivered.count(cp) == 0) {
                    wanted.push_back(cp);
                }
            }
            if (wanted.empty()) continue;
            std::sort(wanted.begin(), wanted.end());
            font.codepoints = std::move(wanted);
            delivered.insert(font.codepoints.begin(), font.codepoints.end());
            fonts.push_back(std::move(font));
        }
    }
    // Anything asked that no usable subset brought (the server's `missing`, a
    // failed request, a malformed answer) is given up for this page: asking
    // again would loop at every frame, and U+FFFD is what ImGui draws then.
    for (const char32_t cp : asked) {
        if (delivered.count(cp) > 0) {
            g.arrived.insert(cp);
        } else {
            g.missing.insert(cp);
        }
    }
    return fonts;
}

}  // namespace profiledesk::app
