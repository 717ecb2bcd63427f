#include "api/picture_routes.hpp"

#include "api/account_state.hpp"
#include "api/image_type.hpp"
#include "api/store_unavailable.hpp"
#include "api/upstream_failure.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"
#include "metrics/server_metrics.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "upstream/address_policy.hpp"

#include <algorithm>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;
using clock = std::chrono::steady_clock;

namespace {

http::response error(status s, std::string_view code, std::string_view message) {
    return http::error_response(s, code, message, 11);
}

bool is_redirect(unsigned s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

// Where a redirect's Location points, against the URL that answered it: an
// absolute URL, a scheme-relative one (//host/path) or an absolute path.
// Anything else: empty.
std::string redirect_target(const http::absolute_url& from, std::string_view location) {
    if (http::parse_absolute_url(location)) return std::string(location);
    if (location.substr(0, 2) == "//") return from.scheme + ":" + std::string(location);
    if (!location.empty() && location[0] == '/') return from.origin() + std::string(location);
    return {};
}

http::response picture_response(std::string body, std::string_view type) {
    http::response res{status::ok, 11};
    res.set(beast_http::field::content_type, std::string(type));
    // Personal, and readable only while signed in: no copy outlives the
    // session in the browser's cache (the app decodes it once per visit).
    res.set(beast_http::field::cache_control, "no-store");
    // Someone else's bytes on our origin: never a document, never embedded elsewhere.
    res.set("Content-Security-Policy", "default-src 'none'; sandbox");
    res.set("Cross-Origin-Resource-Policy", "same-origin");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

// GETs `url`, following at most `redirects_left` redirects (each to https,
// each resolved and checked anew), and answers with the image or an error.
void fetch(const std::shared_ptr<picture_context>& ctx, const std::string& url, unsigned redirects_left,
           clock::time_point deadline, int calls, const http::responder& respond, const log::request_id& request) {
    const bool redirected = redirects_left < ctx->max_redirects;
    const auto parsed = http::parse_absolute_url(url);
    if (!parsed || parsed->scheme != "https") {
        return answer(respond,
                      error(status::bad_gateway, core::api_error::picture_not_https,
                            redirected ? "Your picture's host redirects to an address that is not https://."
                                       : "Your picture's address does not start with https://, so it is not fetched."),
                      calls);
    }
    // Port 443 only: a user-set URL must not knock on other services of a
    // public host (this server's own included).
    if (!ctx->any_port && parsed->port != "443") {
        return answer(respond,
                      error(status::bad_gateway, core::api_error::picture_unavailable,
                            "Pictures are fetched only from the standard https port (443)."),
                      calls);
    }
    upstream::client_request req;
    req.url = url;
    req.endpoint = "picture_fetch";
    req.headers = {{"Accept", "image/webp,image/png,image/jpeg,image/gif;q=0.9"}};
    ctx->fetcher->send(std::move(req), deadline, [=](boost::system::error_code ec, upstream::client_response res) {
        if (ec == upstream::client_error::response_too_large) {
            return answer(
                respond,
                error(status::bad_gateway, core::api_error::picture_too_large,
                      "Your picture is larger than " + std::to_string(max_picture_bytes / (1024 * 1024)) + " MB."),
                calls);
        }
        if (ec) {
            // A host refused for its private addresses answers like one that
            // does not resolve: which internal names exist is not the user's to learn.
            // The log names the failure only: the URL (its host too) is a profile value.
            log::warn(request, "picture: fetch failed",
                      {{"category", log::text(ec.category().name())}, {"error", log::text(ec.message())}});
            return answer(respond,
                          error(status::bad_gateway, core::api_error::picture_unavailable,
                                "Your picture could not be fetched from " + parsed->host + "."),
                          calls);
        }
        if (is_redirect(res.status)) {
            const auto location = res.headers[beast_http::field::location];
            const auto next = redirect_target(*parsed, std::string_view(location.data(), location.size()));
            if (redirects_left == 0 || next.empty()) {
                return answer(respond,
                              error(status::bad_gateway, core::api_error::picture_unavailable,
                                    "Your picture's host sent us on too many or unusable redirects."),
                              calls);
            }
            return fetch(ctx, next, redirects_left - 1, deadline, calls, respond, request);
        }
        if (res.status != 200) {
            return answer(respond,
                          error(status::bad_gateway, core::api_error::picture_unavailable,
                                "Your picture's host answered " + std::to_string(res.status) + "."),
                          calls);
        }
        const auto type = image_media_type(res.body);
        if (!type) {
            return answer(respond,
                          error(status::bad_gateway, core::api_error::picture_not_an_image,
                                "Your picture's address does not lead to a PNG, JPEG, GIF or WebP image."),
                          calls);
        }
        answer(respond, picture_response(std::move(res.body), *type), calls);
    });
}

void handle(const std::shared_ptr<picture_context>& ctx, const http::request& req, const http::responder& respond,
            const std::optional<auth::session>& s) {
    if (!s) return answer(respond, error(status::unauthorized, core::api_error::unauthenticated, "Please sign in."), 0);
    const auto params = http::parse_query(
        http::target_query(std::string_view(req.target().data(), req.target().size())));
    const auto wanted = params ? http::single_param(*params, "for") : std::nullopt;
    if (!wanted || wanted->empty()) {
        return answer(
            respond, error(status::bad_request, core::api_error::bad_request, "Say which picture: ?for=<its address>."),
            0);
    }
    const auto deadline = clock::now() + ctx->deadline;
    const auto rid = http::request_id_of(req);
    ctx->users->get_user(s->user.sub, deadline, rid, [=, sub = s->user.sub](mgmt::mgmt_result r) {
        if (const auto state = account_state_of(r); state != account_state::active) {
            return end_account(*ctx->auth, sub, state, rid, [respond, calls = r.upstream_calls](http::response res) {
                answer(respond, std::move(res), calls);
            });
        }
        if (!r.ok()) return answer(respond, upstream_failure(r), r.upstream_calls);
        if (!r.body.is_object()) return answer(respond, unusable_record(), r.upstream_calls);
        // Only the user's own current picture: never a proxy for any URL.
        const auto picture = r.body.find(std::string(core::root_key::picture));
        if (picture == r.body.end() || !picture->is_string() || picture->get<std::string>() != *wanted) {
            return answer(respond,
                          error(status::not_found, core::api_error::picture_not_current,
                                "That is not the picture in your profile."),
                          r.upstream_calls);
        }
        fetch(ctx, *wanted, ctx->max_redirects, deadline, r.upstream_calls, respond, rid);
    });
}

}  // namespace

std::shared_ptr<upstream::http_client> make_picture_fetcher(boost::asio::io_context& ioc,
                                                            std::shared_ptr<boost::asio::ssl::context> tls,
                                                            bool allow_private) {
    upstream::client_options options;
    options.max_response_body = max_picture_bytes;
    // No pooling: picture hosts are user-chosen, so a pool would keep a
    // socket open for every host anyone ever named.
    options.max_idle_per_origin = 0;
    if (!allow_private) options.allow_address = upstream::is_public_address;
    return std::make_shared<upstream::http_client>(ioc, std::move(tls), options);
}

void add_picture_routes(http::router& routes, std::shared_ptr<picture_context> ctx) {
    http::handler picture = with_session(ctx->auth,
                                         [ctx](http::request&& req, http::responder respond,
                                               std::optional<auth::session> s) { handle(ctx, req, respond, s); });
    if (ctx->throttle) {
        // Each request may cost a users-API read and an outbound fetch.
        picture = http::throttled(
            std::move(picture), ctx->throttle, ctx->trusted_proxies,
            [](unsigned wait) {
                metrics::server().budget_refused(metrics::budget::picture);
                return http::error_response(
                    status::too_many_requests, core::api_error::too_many_requests,
                    "Too many picture requests: try again in " + std::to_string(std::max(1u, wait)) + " seconds.", 11);
            },
            store_unavailable);
    }
    routes.add(beast_http::verb::get, "/api/profile/picture", std::move(picture));
}

}  // namespace profiledesk::api
