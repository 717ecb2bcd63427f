#include "auth/oidc_client.hpp"

#include "http/url.hpp"
#include "profiledesk/core/base64.hpp"

#include <algorithm>
#include <cctype>

namespace profiledesk::auth {

namespace beast_http = boost::beast::http;
using std::chrono::steady_clock;

namespace {

std::string without_trailing_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// Appends query parameters to a URL that may already carry some.
std::string with_query(const std::string& url, const http::query_params& params) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + http::encode_query(params);
}

}  // namespace

std::optional<provider_metadata> parse_discovery(const nlohmann::json& doc, const std::string& issuer_base_url,
                                                 std::string& problem) {
    if (!doc.is_object()) {
        problem = "the discovery document is not a JSON object";
        return std::nullopt;
    }
    provider_metadata m;
    const auto url_field = [&](const char* name, std::string& out, bool required) {
        const auto it = doc.find(name);
        if (it == doc.end() || !it->is_string()) {
            if (required) problem = std::string("the discovery document has no ") + name;
            return !required;
        }
        if (!http::parse_absolute_url(it->get<std::string>())) {
            problem = std::string("the discovery document's ") + name + " is not an absolute http(s) URL";
            return false;
        }
        out = it->get<std::string>();
        return true;
    };
    if (!url_field("issuer", m.issuer, true) || !url_field("authorization_endpoint", m.authorization_endpoint, true) ||
        !url_field("token_endpoint", m.token_endpoint, true) || !url_field("jwks_uri", m.jwks_uri, true) ||
        !url_field("end_session_endpoint", m.end_session_endpoint, false)) {
        return std::nullopt;
    }
    // OIDC Discovery 4.3: the issuer must be the URL discovery was fetched from.
    if (without_trailing_slash(m.issuer) != without_trailing_slash(issuer_base_url)) {
        problem = "the discovery document's issuer is not ISSUER_BASE_URL";
        return std::nullopt;
    }
    return m;
}

oidc_client::oidc_client(boost::asio::io_context& ioc, std::shared_ptr<upstream::http_client> http,
                         oidc_settings settings)
    : ioc_(ioc),
      http_(std::move(http)),
      settings_(std::move(settings)),
      retry_timer_(ioc),
      jwks_(settings_.jwks_refetch_cooldown, settings_.jwks_max_age) {}

void oidc_client::start() { discover(std::chrono::seconds(1)); }

std::shared_ptr<const provider_metadata> oidc_client::metadata() const {
    const std::lock_guard lock(mutex_);
    return metadata_;
}

void oidc_client::discover(std::chrono::seconds retry_in) {
    const auto url = without_trailing_slash(settings_.issuer_base_url) + "/.well-known/openid-configuration";
    http_->send({beast_http::verb::get, url, {}, {}, {}, "discovery"}, steady_clock::now() + settings_.upstream_timeout,
                [self = shared_from_this(), retry_in](boost::system::error_code ec, upstream::client_response res) {
                    std::string problem;
                    std::optional<provider_metadata> m;
                    if (ec) {
                        problem = ec.message();
                    } else if (res.status != 200) {
                        problem = "HTTP " + std::to_string(res.status);
                    } else {
                        m = parse_discovery(nlohmann::json::parse(res.body, nullptr, false),
                                            self->settings_.issuer_base_url, problem);
                    }
                    if (!m) {
                        log::warn("oidc: discovery failed, retrying",
                                  {{"problem", log::text(problem)}, {"retry_in_s", retry_in.count()}});
                        self->retry_timer_.expires_after(retry_in);
                        self->retry_timer_.async_wait([self, retry_in](boost::system::error_code wait_ec) {
                            if (!wait_ec) self->discover(std::min(retry_in * 2, std::chrono::seconds(60)));
                        });
                        return;
                    }
                    {
                        const std::lock_guard lock(self->mutex_);
                        self->metadata_ = std::make_shared<const provider_metadata>(std::move(*m));
                    }
                    log::info("oidc: provider discovered");
                    self->fetch_jwks([](bool) {});
                });
}

void oidc_client::fetch_jwks(std::function<void(bool)> done) {
    const auto m = metadata();
    if (!m) return done(false);
    http_->send({beast_http::verb::get, m->jwks_uri, {}, {}, {}, "jwks"},
                steady_clock::now() + settings_.upstream_timeout,
                [self = shared_from_this(), done](boost::system::error_code ec, upstream::client_response res) {
                    std::optional<jwks> keys;
                    if (!ec && res.status == 200) keys = jwks::parse(nlohmann::json::parse(res.body, nullptr, false));
                    {
                        // Not held while `done` runs: it verifies, which locks again.
                        const std::lock_guard lock(self->mutex_);
                        if (keys) {
                            self->jwks_.store(std::move(*keys), steady_clock::now());
                        } else {
                            self->jwks_.record_failed_fetch(steady_clock::now());
                        }
                    }
                    if (!keys) {
                        log::warn("oidc: fetching the JWKS failed",
                                  {{"error", log::text(ec ? ec.message() : "")}, {"status", res.status}});
                    }
                    done(keys.has_value());
                });
}

std::string oidc_client::authorization_url(const provider_metadata& m, const std::string& state,
                                           const std::string& nonce, const std::string& code_challenge,
                                           bool fresh) const {
    http::query_params params = {{"response_type", "code"},
                                 {"client_id", settings_.client_id},
                                 {"redirect_uri", settings_.redirect_uri},
                                 {"scope", settings_.scope},
                                 {"state", state},
                                 {"nonce", nonce},
                                 {"code_challenge", code_challenge},
                                 {"code_challenge_method", "S256"}};
    if (fresh) {
        params.emplace_back("prompt", "login");
        // max_age=0 also makes auth_time a required claim (OIDC Core 3.1.2.1).
        params.emplace_back("max_age", "0");
    }
    return with_query(m.authorization_endpoint, params);
}

std::string oidc_client::logout_url(const provider_metadata& m, const std::string& return_to) const {
    if (!m.end_session_endpoint.empty()) {
        return with_query(m.end_session_endpoint,
                          {{"client_id", settings_.client_id}, {"post_logout_redirect_uri", return_to}});
    }
    // Auth0 without RP-initiated logout discovery: its own endpoint.
    return with_query(without_trailing_slash(settings_.issuer_base_url) + "/v2/logout",
                      {{"client_id", settings_.client_id}, {"returnTo", return_to}});
}

void oidc_client::complete_login(std::string code, std::string code_verifier, std::string nonce, log::request_id id,
                                 std::function<void(login_result)> done) {
    const auto m = metadata();
    if (!m) return done({false, "provider_not_discovered", nullptr});
    upstream::client_request req;
    req.method = beast_http::verb::post;
    req.url = m->token_endpoint;
    req.endpoint = "token";
    req.content_type = "application/x-www-form-urlencoded";
    req.body = http::encode_query({{"grant_type", "authorization_code"},
                                   {"code", code},
                                   {"redirect_uri", settings_.redirect_uri},
                                   {"code_verifier", code_verifier}});
    // client_secret_basic (RFC 6749 2.3.1: id and secret form-encoded first).
    req.headers.emplace_back("Authorization",
                             "Basic " + core::base64_encode(http::percent_encode(settings_.client_id) + ":" +
                                                            http::percent_encode(settings_.client_secret)));
    http_->send(std::move(req), steady_clock::now() + settings_.upstream_timeout,
                [self = shared_from_this(), nonce = std::move(nonce), id,
                 done = std::move(done)](boost::system::error_code ec, upstream::client_response res) mutable {
                    if (ec) return done({false, "token_endpoint_unreachable", nullptr});
                    const auto body = nlohmann::json::parse(res.body, nullptr, false);
                    if (res.status != 200 || !body.is_object()) {
                        // The provider's OAuth error code is safe to log; its description may not be.
                        const auto it = body.is_object() ? body.find("error") : body.end();
                        const std::string error = it != body.end() && it->is_string() ? it->get<std::string>() : "";
                        const bool printable = error.size() <= 64 &&
                                               std::all_of(error.begin(), error.end(),
                                                           [](unsigned char c) { return std::isalnum(c) || c == '_'; });
                        log::warn(id, "oidc: token endpoint refused the code",
                                  {{"status", res.status}, {"error", log::text(printable ? error : "")}});
                        return done({false, "token_endpoint_error", nullptr});
                    }
                    const auto id_token = body.find("id_token");
                    if (id_token == body.end() || !id_token->is_string()) return done({false, "no_id_token", nullptr});
                    self->verify(id_token->get<std::string>(), std::move(nonce), true, id, std::move(done));
                });
}

void oidc_client::verify(std::string id_token, std::string nonce, bool may_refetch, log::request_id id,
                         std::function<void(login_result)> done) {
    const auto m = metadata();
    std::shared_ptr<const jwks> keys;
    bool refetch = false;
    {
        const std::lock_guard lock(mutex_);
        keys = jwks_.current();
        // Keys never fetched or stale: fetch before verifying (once per cool-down).
        refetch = may_refetch && (!keys || jwks_.is_stale(steady_clock::now())) &&
                  jwks_.should_refetch_for_unknown_kid(steady_clock::now());
    }
    if (refetch) {
        fetch_jwks([self = shared_from_this(), id_token = std::move(id_token), nonce = std::move(nonce), id,
                    done = std::move(done)](bool) mutable {
            self->verify(std::move(id_token), std::move(nonce), false, id, std::move(done));
        });
        return;
    }
    if (!keys || !m) return done({false, "no_signing_keys", nullptr});
    const auto result = verify_id_token(id_token, *keys, {m->issuer, settings_.client_id, nonce});
    if (result.ok()) return done({true, {}, result.claims});
    if (*result.error == id_token_error::unknown_kid && may_refetch) {
        // A key rotation looks like this: refetch once (the cache rate-limits it).
        bool allowed = false;
        {
            const std::lock_guard lock(mutex_);
            allowed = jwks_.should_refetch_for_unknown_kid(steady_clock::now());
        }
        if (allowed) {
            fetch_jwks([self = shared_from_this(), id_token = std::move(id_token), nonce = std::move(nonce), id,
                        done = std::move(done)](bool) mutable {
                self->verify(std::move(id_token), std::move(nonce), false, id, std::move(done));
            });
            return;
        }
    }
    // The message names the check that failed, never a claim's value (id_token.cpp).
    log::warn(id, "oidc: ID token refused", {{"check", log::text(result.message)}});
    done({false, to_string(*result.error), nullptr});
}

}  // namespace profiledesk::auth
