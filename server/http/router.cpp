#include "router.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "responses.hpp"

namespace profiledesk::http {

std::string_view target_path(std::string_view target) { return target.substr(0, target.find_first_of("?#")); }

void router::add(beast_http::verb method, std::string path, handler h) {
    routes_[std::move(path)][method] = std::move(h);
}

void router::add_prefix(beast_http::verb method, std::string prefix, handler h) {
    prefixes_[std::move(prefix)][method] = std::move(h);
}

router::match router::find(std::string_view path) const {
    if (const auto route = routes_.find(path); route != routes_.end()) return {&route->second, route->first};
    match best;
    for (const auto& [prefix, m] : prefixes_) {
        if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix &&
            prefix.size() > best.route.size()) {
            best = {&m, prefix};
        }
    }
    return best;
}

void router::dispatch(request&& req, responder respond) const {
    const auto path = target_path(std::string_view(req.target().data(), req.target().size()));
    const auto route = find(path);
    if (observer_) {
        respond = [respond = std::move(respond), this, route = route.route, method = req.method(),
                   start = std::chrono::steady_clock::now()](response res) {
            observer_(route, method, res.result_int(), std::chrono::steady_clock::now() - start);
            respond(std::move(res));
        };
    }
    if (route.handlers) {
        const auto& methods = *route.handlers;
        if (const auto it = methods.find(req.method()); it != methods.end()) {
            it->second(std::move(req), std::move(respond));
            return;
        }
        std::string allow;
        for (const auto& [verb, _] : methods) {
            if (!allow.empty()) allow += ", ";
            allow += std::string(beast_http::to_string(verb));
        }
        auto res = error_response(beast_http::status::method_not_allowed, core::api_error::method_not_allowed,
                                  "This resource does not support " + std::string(req.method_string()) + ".",
                                  req.version());
        res.set(beast_http::field::allow, allow);
        respond(std::move(res));
        return;
    }
    if (fallback_) {
        fallback_(std::move(req), std::move(respond));
        return;
    }
    respond(error_response(beast_http::status::not_found, core::api_error::not_found, "There is nothing here.",
                           req.version()));
}

}  // namespace profiledesk::http
