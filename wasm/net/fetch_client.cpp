#include "net/fetch_client.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

namespace profiledesk::app::net {
namespace {

// The callback travels through Emscripten as userData and is freed exactly once.
void finish(emscripten_fetch_t* fetch, bool transport_ok) {
    std::unique_ptr<fetch_callback> done(static_cast<fetch_callback*>(fetch->userData));
    fetch_result r;
    r.status = fetch->status;
    if (fetch->data != nullptr && fetch->numBytes > 0) r.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    if (!transport_ok && r.status == 0) r.network_error = fetch->statusText[0] ? fetch->statusText : "network error";
    emscripten_fetch_close(fetch);
    (*done)(std::move(r));
}

}  // namespace

void get(const std::string& url, fetch_callback done) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, "GET");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = 15000;  // never wait forever on a hung server
    attr.userData = new fetch_callback(std::move(done));
    // Emscripten calls onerror for HTTP errors too (status >= 400): both end in finish().
    attr.onsuccess = [](emscripten_fetch_t* f) { finish(f, true); };
    attr.onerror = [](emscripten_fetch_t* f) { finish(f, f->status != 0); };
    static const char* const headers[] = {"Accept", "application/json", nullptr};
    attr.requestHeaders = headers;
    emscripten_fetch(&attr, url.c_str());
}

}  // namespace profiledesk::app::net
