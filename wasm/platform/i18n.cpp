#include "platform/i18n.hpp"

#include "app/formats.hpp"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string_view>

namespace {

using done_fn = std::function<void(std::string, std::string)>;

// Catalog loads on their way, by id.
struct loads {
    int next_id = 1;
    std::map<int, done_fn> waiting;
};

loads& the_loads() {
    static loads l;
    return l;
}

// A malloc'd string from JavaScript, freed.
std::string take(char* p) {
    if (p == nullptr) return {};
    std::string text(p);
    std::free(p);
    return text;
}

}  // namespace

// ---- JavaScript side: wasm/js/i18n.js ----
extern "C" {
char* pd_js_stored_language(const char* key);
void pd_js_store_language(const char* key, const char* tag);
char* pd_js_navigator_languages();
void pd_js_load_catalogs(const char* tag, int id);
void pd_js_set_page_language(const char* tag, const char* dir);
char* pd_js_format_date_time(double unix_s);
char* pd_js_format_ago(double amount, const char* unit);
char* pd_js_format_number(double n);
}

// ---- C++ side ----
extern "C" EMSCRIPTEN_KEEPALIVE void pd_catalogs_done(int id, const char* english, const char* own) {
    auto& l = the_loads();
    const auto it = l.waiting.find(id);
    if (it == l.waiting.end()) return;
    done_fn done = std::move(it->second);
    l.waiting.erase(it);
    done(english != nullptr ? english : "", own != nullptr ? own : "");
}

namespace profiledesk::app::platform {

std::string stored_language(const char* key) { return take(pd_js_stored_language(key)); }

void store_language(const char* key, const std::string& tag) { pd_js_store_language(key, tag.c_str()); }

std::vector<std::string> navigator_languages() {
    std::vector<std::string> out;
    const auto list = nlohmann::json::parse(take(pd_js_navigator_languages()), nullptr, false);
    if (!list.is_array()) return out;
    for (const auto& tag : list) {
        if (tag.is_string()) out.push_back(tag.get<std::string>());
    }
    return out;
}

void load_catalogs(const std::string& tag, std::function<void(std::string, std::string)> done) {
    auto& l = the_loads();
    const int id = l.next_id++;
    l.waiting[id] = std::move(done);
    pd_js_load_catalogs(tag.c_str(), id);
}

void set_page_language(const std::string& tag, const std::string& dir) {
    pd_js_set_page_language(tag.c_str(), dir.c_str());
}

void install_intl_formats() {
    formats f;
    f.date_time = [](std::int64_t unix_s, int) { return take(pd_js_format_date_time(static_cast<double>(unix_s))); };
    f.ago = [](std::int64_t amount, std::string_view unit) {
        return take(pd_js_format_ago(static_cast<double>(amount), std::string(unit).c_str()));
    };
    f.number = [](double n) { return take(pd_js_format_number(n)); };
    use_formats(std::move(f));
}

}  // namespace profiledesk::app::platform
