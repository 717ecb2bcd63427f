#include "localtenant/tenant.hpp"

#include "http/responses.hpp"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cmath>
#include <memory>

namespace profiledesk::localtenant {

namespace beast_http = boost::beast::http;
using nlohmann::json;

http::response json_answer(int status, const json& body, unsigned version) {
    auto res = http::json_response(static_cast<beast_http::status>(status), body, version);
    // What Auth0 sends (as recorded in GOREC: docs/auth0.md#users-endpoints).
    res.set(beast_http::field::content_type, "application/json; charset=utf-8");
    res.set(beast_http::field::server, "localtenant");
    return res;
}

http::response management_error(const api_error& e, unsigned version) {
    return json_answer(e.status, e.body(), version);
}

http::response oauth_error_answer(const oauth_error& e, unsigned version) {
    auto res = json_answer(e.status, e.body(), version);
    res.set(beast_http::field::pragma, "no-cache");
    return res;
}

http::response html_answer(int status, std::string html, unsigned version) {
    http::response res{static_cast<beast_http::status>(status), version};
    res.set(beast_http::field::content_type, "text/html; charset=utf-8");
    res.set(beast_http::field::cache_control, "no-store");
    res.set(beast_http::field::server, "localtenant");
    // No script, no framing, styles inline; the sign-in page adds its own
    // form-action (see oauth_endpoints.cpp).
    res.set("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'");
    res.body() = std::move(html);
    res.prepare_payload();
    return res;
}

std::string header(const http::request& req, beast_http::field f) {
    const auto v = req[f];
    return std::string(v.data(), v.size());
}

std::optional<std::string> bearer_token(const http::request& req) {
    const auto value = boost::algorithm::trim_copy(header(req, beast_http::field::authorization));
    if (value.size() < 7 || boost::algorithm::to_lower_copy(value.substr(0, 7)) != "bearer ") return std::nullopt;
    auto token = boost::algorithm::trim_copy(value.substr(7));
    if (token.empty()) return std::nullopt;
    return token;
}

std::string cookie_value(const http::request& req, std::string_view name) {
    for (auto it = req.find(beast_http::field::cookie); it != req.end() && it->name() == beast_http::field::cookie;
         ++it) {
        std::string_view all(it->value().data(), it->value().size());
        while (!all.empty()) {
            const auto semi = all.find(';');
            auto pair = all.substr(0, semi);
            all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
        }
    }
    return "";
}

std::string media_type(const http::request& req) {
    auto type = header(req, beast_http::field::content_type);
    type = type.substr(0, type.find(';'));
    boost::algorithm::trim(type);
    boost::algorithm::to_lower(type);
    return type;
}

namespace {

// A burst of `per_minute` password checks per client, refilled evenly over a
// minute (the client table keeps its default bound on remembered clients).
http::per_client_budget::limits sign_in_limits(double per_minute) {
    http::per_client_budget::limits l;
    l.burst = per_minute;
    l.per_second = per_minute / 60.0;
    return l;
}

}  // namespace

tenant::tenant(boost::asio::io_context& ioc, store& db, signing_keys keys, tenant_config config)
    : ioc_(ioc),
      db_(db),
      keys_(std::move(keys)),
      config_(std::move(config)),
      management_bucket_(config_.rate_limit, config_.rate_burst),
      sign_in_throttle_(sign_in_limits(config_.sign_in_per_minute)) {}

http::router tenant::routes() {
    using verb = beast_http::verb;
    http::router r;
    const auto bind = [this](void (tenant::*m)(http::request&&, http::responder)) -> http::handler {
        return
            [this, m](http::request&& req, http::responder respond) { (this->*m)(std::move(req), std::move(respond)); };
    };
    r.add(verb::get, "/.well-known/openid-configuration", instrument("discovery", bind(&tenant::discovery)));
    r.add(verb::get, "/.well-known/jwks.json", instrument("jwks", bind(&tenant::jwks)));
    r.add(verb::get, "/authorize", instrument("authorize", bind(&tenant::authorize)));
    r.add(verb::post, "/u/login", instrument("login", bind(&tenant::login)));
    r.add(verb::post, "/oauth/token", instrument("token", bind(&tenant::token)));
    r.add(verb::get, "/userinfo", instrument("userinfo", bind(&tenant::userinfo)));
    r.add(verb::post, "/userinfo", instrument("userinfo", bind(&tenant::userinfo)));
    r.add(verb::get, "/v2/logout", instrument("logout", bind(&tenant::v2_logout)));
    r.add(verb::get, "/oidc/logout", instrument("logout", bind(&tenant::oidc_logout)));
    r.add(verb::post, "/oidc/logout", instrument("logout", bind(&tenant::oidc_logout)));
    r.add_prefix(verb::get, "/api/v2/users/", instrument("users_get", rate_limited(bind(&tenant::get_user))));
    r.add_prefix(verb::patch, "/api/v2/users/", instrument("users_patch", rate_limited(bind(&tenant::patch_user))));
    r.add_prefix(verb::delete_, "/api/v2/users/", instrument("users_delete", rate_limited(bind(&tenant::delete_user))));
    if (config_.admin) {
        r.add(verb::post, "/admin/faults", bind(&tenant::add_fault));
        r.add(verb::delete_, "/admin/faults", bind(&tenant::clear_faults));
        r.add(verb::get, "/admin/faults", bind(&tenant::add_fault));
        r.add(verb::get, "/admin/stats", bind(&tenant::stats));
        r.add(verb::delete_, "/admin/stats", bind(&tenant::stats));
        r.add(verb::post, "/admin/sessions/age", bind(&tenant::age_sessions));
    }
    r.set_fallback([](http::request&& req, http::responder respond) {
        respond(management_error({404, "Not Found", ""}, req.version()));
    });
    return r;
}

http::handler tenant::instrument(std::string endpoint, http::handler inner) {
    return
        [this, endpoint = std::move(endpoint), inner = std::move(inner)](http::request&& req, http::responder respond) {
            stats_.count(endpoint);
            const auto f = config_.admin ? faults_.take(endpoint) : std::nullopt;
            if (!f) return inner(std::move(req), std::move(respond));
            switch (f->kind) {
                case fault_kind::latency: {
                    // Set the timer: the request runs normally once it fires.
                    auto timer = std::make_shared<boost::asio::steady_timer>(ioc_,
                                                                             std::chrono::milliseconds(f->latency_ms));
                    auto held = std::make_shared<http::request>(std::move(req));
                    timer->async_wait(
                        [timer, held, inner, respond](boost::system::error_code) { inner(std::move(*held), respond); });
                    return;
                }
                case fault_kind::drop: {
                    http::response res{beast_http::status::ok, req.version()};
                    res.set(http::drop_connection_field, "1");
                    return respond(std::move(res));
                }
                case fault_kind::status: return respond(fault_response(endpoint, *f, req.version()));
                case fault_kind::malformed:
                    return inner(std::move(req), [respond](http::response res) {
                        // Half the real body, cut mid-token: a parser must fail on it.
                        auto& body = res.body();
                        body = body.size() > 2 ? body.substr(0, body.size() / 2) : std::string("{\"");
                        res.set(beast_http::field::content_type, "application/json; charset=utf-8");
                        res.prepare_payload();
                        respond(std::move(res));
                    });
            }
        };
}

http::response tenant::fault_response(const std::string& endpoint, const fault& f, unsigned version) {
    const bool management = endpoint == "users_get" || endpoint == "users_patch";
    http::response res;
    if (management) {
        res = f.status == 429 ? management_error(too_many_requests(), version)
                              : management_error({f.status, "Injected fault", "injected_fault"}, version);
    } else {
        oauth_error e{f.status, f.status == 429 ? "too_many_requests" : "server_error", "Injected fault"};
        res = oauth_error_answer(e, version);
    }
    if (f.status == 429) {
        const auto reset = static_cast<std::int64_t>(std::ceil(now())) + f.retry_after_s;
        res.set("x-ratelimit-limit", std::to_string(static_cast<std::int64_t>(config_.rate_burst)));
        res.set("x-ratelimit-remaining", "0");
        res.set("x-ratelimit-reset", std::to_string(reset));
        // Auth0 documents Retry-After only for the token endpoint's quota 429s
        // (fine-grained M2M quotas); Management API 429s carry the x-ratelimit
        // headers alone (whether they also send Retry-After is UNCONFIRMED).
        if (!management) res.set(beast_http::field::retry_after, std::to_string(f.retry_after_s));
    } else if (f.status == 503 && f.retry_after_s > 0) {
        res.set(beast_http::field::retry_after, std::to_string(f.retry_after_s));
    }
    return res;
}

http::handler tenant::rate_limited(http::handler inner) {
    return [this, inner = std::move(inner)](http::request&& req, http::responder respond) {
        const auto d = management_bucket_.take(now());
        const auto add_headers = [d](http::response& res) {
            res.set("x-ratelimit-limit", std::to_string(d.limit));
            res.set("x-ratelimit-remaining", std::to_string(d.remaining));
            res.set("x-ratelimit-reset", std::to_string(d.reset));
        };
        if (!d.allowed) {
            stats_.count_rate_limited();
            auto res = management_error(too_many_requests(), req.version());
            add_headers(res);
            return respond(std::move(res));
        }
        inner(std::move(req), [respond, add_headers](http::response res) {
            add_headers(res);
            respond(std::move(res));
        });
    };
}

}  // namespace profiledesk::localtenant
