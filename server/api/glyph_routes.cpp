#include "api/glyph_routes.hpp"

#include "crypto/encoding.hpp"
#include "fonts/glyph_query.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <string>

namespace profiledesk::api {

void add_glyph_routes(http::router& routes, std::shared_ptr<const fonts::glyph_subsetter> subsetter,
                      std::shared_ptr<http::client_throttle> throttle, unsigned trusted_proxies) {
    http::handler glyphs = [subsetter](http::request&& req, http::responder respond) {
        const std::string_view target(req.target().data(), req.target().size());
        const auto query = fonts::parse_glyph_query(http::target_query(target));
        if (!query.ok()) {
            respond(http::error_response(http::beast_http::status::bad_request, query.error, query.message,
                                         req.version()));
            return;
        }
        const auto answer = subsetter->subset(query.codepoints);
        nlohmann::json fonts = nlohmann::json::array();
        for (const auto& f : answer.fonts) {
            fonts.push_back(nlohmann::json{
                {"name", f.name},
                {"codepoints", std::vector<unsigned>(f.codepoints.begin(), f.codepoints.end())},
                {"ttf", crypto::base64_encode(f.ttf)},
            });
        }
        const nlohmann::json body = {
            {"fonts", fonts},
            {"missing", std::vector<unsigned>(answer.missing.begin(), answer.missing.end())},
        };
        auto res = http::json_response(http::beast_http::status::ok, body, req.version());
        // A day: long enough that a returning visitor asks nothing, short
        // enough that a font update reaches everyone soon.
        res.set(http::beast_http::field::cache_control, "public, max-age=86400");
        respond(std::move(res));
    };
    if (throttle) {
        // Cutting fonts costs milliseconds of CPU per request: a client gets a budget.
        glyphs = http::throttled(std::move(glyphs), std::move(throttle), trusted_proxies, [](unsigned wait) {
            return http::error_response(http::beast_http::status::too_many_requests, "too_many_requests",
                                        "Too many glyph requests: try again in " + std::to_string(std::max(1u, wait)) +
                                            " seconds.");
        });
    }
    routes.add(http::beast_http::verb::get, "/fonts/glyphs", std::move(glyphs));
}

}  // namespace profiledesk::api
