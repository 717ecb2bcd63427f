// Same-origin HTTP requests through Emscripten's fetch API (XHR underneath:
// same-origin requests carry the session cookie, and the browser adds Origin
// to writes). The raw answer becomes a typed net::api_result (api_result.hpp).
#pragma once

#include "net/api_result.hpp"

#include <functional>
#include <string>

namespace profiledesk::app::net {

using result_callback = std::function<void(api_result)>;

// GET `url` (same-origin path); the callback runs on the main thread, exactly once.
void get(const std::string& url, result_callback done);

// PATCH or POST `url` with a JSON `body` and the CSRF token header.
void patch_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done);
void post_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done);
// DELETE `url` with the CSRF token header (no body).
void delete_json(const std::string& url, const std::string& csrf_token, result_callback done);
// DELETE `url` with the CSRF token header and a JSON `body` ("" for none).
void delete_json(const std::string& url, const std::string& body, const std::string& csrf_token, result_callback done);

}  // namespace profiledesk::app::net
