// Same-origin HTTP requests through Emscripten's fetch API (XHR underneath:
// same-origin requests carry the session cookie).
#pragma once

#include <functional>
#include <string>

namespace profiledesk::app::net {

// What came back: an HTTP answer (any status), or a network failure.
struct fetch_result {
    int status = 0;          // 0: no HTTP answer at all
    std::string body;
    std::string network_error;  // set when status == 0
};

using fetch_callback = std::function<void(fetch_result)>;

// GET `url`; the callback runs on the main thread, exactly once.
void get(const std::string& url, fetch_callback done);

}  // namespace profiledesk::app::net
