#include "api/glyph_routes.hpp"

#include "api/store_unavailable.hpp"
#include "fonts/glyph_query.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"
#include "http/worker_pool.hpp"
#include "metrics/server_metrics.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/glyph_answer.hpp"

#include <algorithm>
#include <string>

namespace profiledesk::api {
namespace {

// Jobs cutting fonts, queued or running, for the whole server. A full batch
// (512 CJK characters) takes about 10 ms of CPU here, so the last of 8 jobs
// on one worker is answered within a tenth of a second; past that a request
// is better told to come back (503, Retry-After: 1) than left waiting,
// holding its connection and memory.
constexpr unsigned max_glyph_jobs = 8;

// The answer to a valid query: the work itself (hb-subset, base64, JSON),
// run on a worker thread, never an I/O thread.
http::response glyph_answer(const fonts::glyph_subsetter& subsetter, const std::vector<char32_t>& codepoints,
                            unsigned version) {
    const auto body = core::glyph_answer_to_json(subsetter.subset(codepoints));
    auto res = http::json_response(http::beast_http::status::ok, body, version);
    // A day: long enough that a returning visitor asks nothing, short
    // enough that a font update reaches everyone soon.
    res.set(http::beast_http::field::cache_control, "public, max-age=86400");
    return res;
}

}  // namespace

void add_glyph_routes(http::router& routes, std::shared_ptr<const fonts::glyph_subsetter> subsetter,
                      std::shared_ptr<http::client_budget> throttle, unsigned trusted_proxies) {
    // Owned by the route: destroyed with the router, after the server stopped,
    // letting the jobs it accepted finish first.
    auto workers = std::make_shared<http::worker_pool>(http::worker_pool::default_threads(), max_glyph_jobs);
    http::handler glyphs = [subsetter, workers](http::request&& req, http::responder respond) {
        const std::string_view target(req.target().data(), req.target().size());
        auto query = fonts::parse_glyph_query(http::target_query(target));
        if (!query.ok()) {
            respond(
                http::error_response(http::beast_http::status::bad_request, query.error, query.message, req.version()));
            return;
        }
        const unsigned version = req.version();
        const bool accepted = workers->try_post(
            [subsetter, codepoints = std::move(query.codepoints), version, respond] {
                try {
                    respond(glyph_answer(*subsetter, codepoints, version));
                } catch (const std::exception&) {
                    respond(http::error_response(http::beast_http::status::internal_server_error,
                                                 core::api_error::internal_error,
                                                 "Something went wrong on our side. Please try again.", version));
                    throw;  // the pool logs it
                }
            });
        if (!accepted) {
            auto res = http::error_response(http::beast_http::status::service_unavailable, core::api_error::glyphs_busy,
                                            "The server is busy drawing characters for others: try again in a "
                                            "second.",
                                            version);
            res.set(http::beast_http::field::retry_after, "1");
            respond(std::move(res));
        }
    };
    if (throttle) {
        // Cutting fonts costs milliseconds of CPU per request: a client gets a budget.
        glyphs = http::throttled(
            std::move(glyphs), std::move(throttle), trusted_proxies,
            [](unsigned wait) {
                metrics::server().budget_refused(metrics::budget::glyphs);
                return http::error_response(
                    http::beast_http::status::too_many_requests, core::api_error::too_many_requests,
                    "Too many glyph requests: try again in " + std::to_string(std::max(1u, wait)) + " seconds.");
            },
            api::store_unavailable);
    }
    routes.add(http::beast_http::verb::get, "/fonts/glyphs", std::move(glyphs));
}

}  // namespace profiledesk::api
