// Maps (method, path) to a handler. Paths match exactly: no patterns, no
// normalisation, so what is routed is exactly what is listed.
#pragma once

#include "types.hpp"

#include <map>
#include <string>
#include <string_view>

namespace profiledesk::http {

// The path part of a request target: everything before '?' (and '#').
std::string_view target_path(std::string_view target);

class router {
public:
    void add(beast_http::verb method, std::string path, handler h);

    // Requests no route claims go here (static files); 404 if none is set.
    void set_fallback(handler h) { fallback_ = std::move(h); }

    // Answers every request exactly once: the route's handler, 405 with Allow
    // for a known path and another method, else the fallback.
    void dispatch(request&& req, responder respond) const;

private:
    std::map<std::string, std::map<beast_http::verb, handler>, std::less<>> routes_;
    handler fallback_;
};

}  // namespace profiledesk::http
