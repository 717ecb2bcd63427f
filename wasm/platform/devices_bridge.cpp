#include "platform/devices_bridge.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>  // emscripten_date_now

#include <map>

namespace {

using done_fn = std::function<void(profiledesk::app::net::api_result)>;

// Downloads on their way, by id (one at a time in practice: the app allows
// one export at a time).
struct downloads {
    int next_id = 1;
    std::map<int, done_fn> waiting;
};

downloads& the_downloads() {
    static downloads d;
    return d;
}

}  // namespace

// ---- JavaScript side: wasm/js/devices.js ----
extern "C" {
void pd_js_download(const char* url, int id);
int pd_js_utc_offset_minutes();
}

// ---- C++ side ----
extern "C" EMSCRIPTEN_KEEPALIVE void pd_download_done(int id, int status, const char* body, const char* retry_after) {
    auto& d = the_downloads();
    const auto it = d.waiting.find(id);
    if (it == d.waiting.end()) return;
    done_fn done = std::move(it->second);
    d.waiting.erase(it);
    done(profiledesk::app::net::classify(status, body, retry_after, {}));
}

namespace profiledesk::app::platform {

void download_file(const std::string& url, std::function<void(net::api_result)> done) {
    auto& d = the_downloads();
    const int id = d.next_id++;
    d.waiting[id] = std::move(done);
    pd_js_download(url.c_str(), id);
}

std::int64_t unix_now() { return static_cast<std::int64_t>(emscripten_date_now() / 1000.0); }
int utc_offset_minutes() { return pd_js_utc_offset_minutes(); }

}  // namespace profiledesk::app::platform
