#include "net/fetch_client.hpp"

#include <emscripten/fetch.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

namespace profiledesk::app::net {
namespace {

// What one request owns until it finishes: the callback, and the strings the
// request attributes point into (Emscripten reads them when the request starts).
struct pending {
    result_callback done;
    std::string body;
    std::vector<std::string> header_text;
    std::vector<const char*> headers;
};

std::string header_value(emscripten_fetch_t* fetch, const char* wanted) {
    const std::size_t len = emscripten_fetch_get_response_headers_length(fetch);
    if (len == 0) return {};
    std::string raw(len + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
    char** lines = emscripten_fetch_unpack_response_headers(raw.c_str());
    std::string value;
    for (char** p = lines; p != nullptr && *p != nullptr; p += 2) {
        if (strcasecmp(p[0], wanted) == 0 && p[1] != nullptr) {
            value = p[1];
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.erase(0, 1);
        }
    }
    emscripten_fetch_free_unpacked_response_headers(lines);
    return value;
}

// The request's state travels through Emscripten as userData and is freed exactly once.
void finish(emscripten_fetch_t* fetch, bool transport_ok) {
    std::unique_ptr<pending> p(static_cast<pending*>(fetch->userData));
    std::string body;
    if (fetch->data != nullptr && fetch->numBytes > 0) {
        body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    }
    std::string network_error;
    // The browser's own words when it gives any (classify() says the rest from the catalog).
    if (!transport_ok && fetch->status == 0) network_error = fetch->statusText;
    const std::string retry_after = fetch->status != 0 ? header_value(fetch, "retry-after") : std::string();
    const int status = fetch->status;
    emscripten_fetch_close(fetch);
    p->done(classify(status, body, retry_after, network_error));
}

void send(const char* method, const std::string& url, std::unique_ptr<pending> p) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, method);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = 20000;  // never wait forever on a hung server
    for (const auto& h : p->header_text) p->headers.push_back(h.c_str());
    p->headers.push_back(nullptr);
    attr.requestHeaders = p->headers.data();
    if (!p->body.empty()) {
        attr.requestData = p->body.data();
        attr.requestDataSize = p->body.size();
    }
    // Emscripten calls onerror for HTTP errors too (status >= 400): both end in finish().
    attr.onsuccess = [](emscripten_fetch_t* f) { finish(f, true); };
    attr.onerror = [](emscripten_fetch_t* f) { finish(f, f->status != 0); };
    attr.userData = p.release();
    emscripten_fetch(&attr, url.c_str());
}

void send_json(const char* method, const std::string& url, const std::string& body, const std::string& csrf_token,
               result_callback done) {
    auto p = std::make_unique<pending>();
    p->done = std::move(done);
    p->body = body;
    p->header_text = {"Accept", "application/json", "Content-Type", "application/json", "X-CSRF-Token", csrf_token};
    send(method, url, std::move(p));
}

}  // namespace

void delete_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done) {
    send_json("DELETE", url, body, csrf_token, std::move(done));
}

void get(const std::string& url, result_callback done) {
    auto p = std::make_unique<pending>();
    p->done = std::move(done);
    p->header_text = {"Accept", "application/json"};
    send("GET", url, std::move(p));
}

void patch_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done) {
    send_json("PATCH", url, body, csrf_token, std::move(done));
}

void post_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done) {
    send_json("POST", url, body, csrf_token, std::move(done));
}

void delete_json(const std::string& url, const std::string& csrf_token, result_callback done) {
    send_json("DELETE", url, {}, csrf_token, std::move(done));
}

}  // namespace profiledesk::app::net
