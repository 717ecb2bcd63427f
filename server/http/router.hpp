// Maps (method, path) to a handler. Paths match exactly: no patterns, no
// normalisation, so what is routed is exactly what is listed. Prefix routes
// (add_prefix) claim every path that starts with a prefix and goes on past
// it, e.g. "/api/v2/users/" for "/api/v2/users/{id}"; the handler reads the
// rest from the target itself. Exact routes win over prefix routes, and the
// longest prefix wins among prefixes.
#pragma once

#include "types.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace profiledesk::http {

// The path part of a request target: everything before '?' (and '#').
std::string_view target_path(std::string_view target);

class router {
public:
    void add(beast_http::verb method, std::string path, handler h);
    void add_prefix(beast_http::verb method, std::string prefix, handler h);

    // Requests no route claims go here (static files); 404 if none is set.
    void set_fallback(handler h) { fallback_ = std::move(h); }

    // Told about every answer as it is given (metrics): the route as added
    // (the path, or the prefix), empty when the fallback or nobody took the
    // request; never the raw path, which a client chooses.
    using observer = std::function<void(std::string_view route, beast_http::verb method, unsigned status,
                                        std::chrono::steady_clock::duration took)>;
    void set_observer(observer o) { observer_ = std::move(o); }

    // Answers every request exactly once: the route's handler, 405 with Allow
    // for a known path and another method, else the fallback.
    void dispatch(request&& req, responder respond) const;

private:
    using methods = std::map<beast_http::verb, handler>;
    struct match {
        const methods* handlers = nullptr;
        std::string_view route;  // the key it was added under
    };
    match find(std::string_view path) const;

    std::map<std::string, methods, std::less<>> routes_;
    std::map<std::string, methods, std::less<>> prefixes_;
    handler fallback_;
    observer observer_;
};

}  // namespace profiledesk::http
