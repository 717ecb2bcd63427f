// Discovery, JWKS, /authorize and the sign-in form, /oauth/token, /userinfo,
// and the two logout endpoints (docs/auth0.md#sign-in, #logout).
#include "localtenant/authorize.hpp"
#include "localtenant/pages.hpp"
#include "localtenant/password_hash.hpp"
#include "localtenant/tenant.hpp"
#include "localtenant/timestamps.hpp"
#include "localtenant/tokens.hpp"

#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "http/responses.hpp"
#include "profiledesk/core/base64.hpp"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace profiledesk::localtenant {

namespace beast_http = boost::beast::http;
using nlohmann::json;

namespace {

constexpr const char* session_cookie = "auth0";

http::query_params query_of(const http::request& req) {
    const std::string_view target(req.target().data(), req.target().size());
    return http::parse_query(http::target_query(target)).value_or(http::query_params{});
}

bool query_is_valid(const http::request& req) {
    const std::string_view target(req.target().data(), req.target().size());
    return http::parse_query(http::target_query(target)).has_value();
}

// A form or JSON body as name/value pairs (the token endpoint takes both,
// OAS-A). JSON values that are not strings are kept in their JSON text.
std::optional<http::query_params> body_params(const http::request& req) {
    const auto type = media_type(req);
    if (type == "application/x-www-form-urlencoded") return http::parse_query(req.body());
    if (type == "application/json") {
        const auto j = json::parse(req.body(), nullptr, false);
        if (!j.is_object()) return std::nullopt;
        http::query_params out;
        for (const auto& [k, v] : j.items()) out.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
        return out;
    }
    return std::nullopt;
}

std::string param(const http::query_params& p, const char* name) { return http::single_param(p, name).value_or(""); }

std::string origin_of(const std::string& url) {
    const auto u = http::parse_absolute_url(url);
    return u ? u->origin() : std::string();
}

// Sends the code (or an error) back to the client, by redirect or form_post.
http::response answer_client(const std::string& redirect_uri, const std::string& mode, const http::query_params& fields,
                             unsigned version) {
    if (mode == "form_post") {
        const auto nonce = crypto::random_token(16);
        auto res = html_answer(200, form_post_page(redirect_uri, fields, nonce), version);
        res.set("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; form-action " +
                                               origin_of(redirect_uri) + "; frame-ancestors 'none'; base-uri 'none'");
        return res;
    }
    auto res = http::redirect_response(add_query(redirect_uri, fields), version);
    res.set(beast_http::field::server, "localtenant");
    return res;
}

http::response answer_error(const authorize_error& e, unsigned version) {
    if (!e.redirect) return html_answer(400, error_page(e.error, e.description), version);
    http::query_params fields = {{"error", e.error}, {"error_description", e.description}};
    if (!e.state.empty()) fields.emplace_back("state", e.state);
    return answer_client(e.redirect_uri, e.response_mode, fields, version);
}

std::string session_cookie_header(const std::string& sid, bool https) {
    // Lax: the top-level GET /authorize from the app carries it; Auth0's own
    // cookie is SameSite=None (with a legacy twin), which needs https.
    return std::string(session_cookie) + "=" + sid + "; Path=/; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
}

std::string clear_cookie_header(bool https) {
    return std::string(session_cookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (https ? "; Secure" : "");
}

// Allowed Logout URLs matching (docs/auth0.md#logout): the query and fragment
// of returnTo are ignored, scheme and host compare case-insensitively, the
// path case-sensitively; "*." in an allowed host matches one or more
// subdomain labels.
bool logout_url_allowed(const std::string& return_to, const std::vector<std::string>& allowed) {
    const auto target = http::parse_absolute_url(return_to);
    if (!target) return false;
    const auto path_of = [](const http::absolute_url& u) { return u.target.substr(0, u.target.find('?')); };
    for (const auto& a : allowed) {
        const auto candidate = http::parse_absolute_url(a);
        if (!candidate || candidate->scheme != target->scheme || candidate->port != target->port) continue;
        if (path_of(*candidate) != path_of(*target)) continue;
        const auto& host = candidate->host;
        if (host.rfind("*.", 0) == 0) {
            const auto suffix = host.substr(1);  // ".example.com"
            if (target->host.size() > suffix.size() &&
                target->host.compare(target->host.size() - suffix.size(), suffix.size(), suffix) == 0) {
                return true;
            }
        } else if (host == target->host) {
            return true;
        }
    }
    return false;
}

}  // namespace

void tenant::discovery(http::request&& req, http::responder respond) {
    const auto& iss = config_.issuer;
    // Auth0's document (configure-applications-with-oidc-discovery), limited
    // to what this tenant implements: no implicit flow, no device flow, no
    // refresh tokens, no dynamic registration, no private_key_jwt.
    const json doc = {{"issuer", iss},
                      {"authorization_endpoint", iss + "authorize"},
                      {"token_endpoint", iss + "oauth/token"},
                      {"userinfo_endpoint", iss + "userinfo"},
                      {"jwks_uri", iss + ".well-known/jwks.json"},
                      // Published by tenants created since 14 Nov 2023 (section 5.4).
                      {"end_session_endpoint", iss + "oidc/logout"},
                      {"scopes_supported",
                       {"openid", "profile", "email", "name", "given_name", "family_name", "nickname", "email_verified",
                        "picture", "created_at", "identities"}},
                      {"response_types_supported", {"code"}},
                      {"response_modes_supported", {"query", "form_post"}},
                      {"grant_types_supported", {"authorization_code", "client_credentials"}},
                      {"code_challenge_methods_supported", {"S256", "plain"}},
                      {"subject_types_supported", {"public"}},
                      {"id_token_signing_alg_values_supported", {"RS256"}},
                      {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
                      {"claims_supported",
                       {"aud", "auth_time", "created_at", "email", "email_verified", "exp", "family_name", "given_name",
                        "iat", "identities", "iss", "name", "nickname", "phone_number", "picture", "sub"}},
                      {"request_uri_parameter_supported", false},
                      {"request_parameter_supported", false}};
    respond(json_answer(200, doc, req.version()));
}

void tenant::jwks(http::request&& req, http::responder respond) {
    respond(json_answer(200, keys_.jwks(), req.version()));
}

void tenant::authorize(http::request&& req, http::responder respond) {
    const auto version = req.version();
    if (!query_is_valid(req)) {
        return respond(html_answer(400, error_page("invalid_request", "The query string is malformed."), version));
    }
    const auto checked = check_authorize(
        query_of(req), [this](const std::string& id) { return db_.find_client(id); }, config_.issuer);
    if (const auto* e = std::get_if<authorize_error>(&checked)) return respond(answer_error(*e, version));
    const auto& r = std::get<authorize_request>(checked);
    const auto now = now_seconds();
    // An existing tenant session answers without the form, unless prompt or
    // max_age ask for a fresh sign-in.
    if (const auto sid = cookie_value(req, session_cookie); !sid.empty()) {
        if (const auto s = oauth_.find_session(sid, now); s && session_satisfies(r, s->auth_time, now)) {
            const auto user = db_.find_user(s->user_id);
            if (user && !user->profile.value("blocked", false)) {
                authorization_code_grant g{r.client_id,
                                           r.redirect_uri,
                                           user->user_id,
                                           r.scope,
                                           r.nonce,
                                           r.code_challenge,
                                           r.code_challenge_method,
                                           sid,
                                           r.management_audience,
                                           s->auth_time,
                                           0};
                http::query_params fields = {{"code", oauth_.issue_code(std::move(g), now)}};
                if (!r.state.empty()) fields.emplace_back("state", r.state);
                return respond(answer_client(r.redirect_uri, r.response_mode, fields, version));
            }
        }
    }
    if (r.prompt == "none") {
        authorize_error e{true, "login_required", "Login required", r.redirect_uri, r.response_mode, r.state};
        return respond(answer_error(e, version));
    }
    respond(sign_in_form(r, r.login_hint, 200, "", version));
}

void tenant::login(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto form = media_type(req) == "application/x-www-form-urlencoded" ? http::parse_query(req.body())
                                                                             : std::nullopt;
    if (!form) return respond(html_answer(400, error_page("invalid_request", "Expected a form post."), version));
    // The /authorize parameters come back as hidden fields: check them again.
    http::query_params authorize_params;
    for (const auto& kv : *form) {
        if (kv.first != "username" && kv.first != "password") authorize_params.push_back(kv);
    }
    const auto checked = check_authorize(
        authorize_params, [this](const std::string& id) { return db_.find_client(id); }, config_.issuer);
    if (const auto* e = std::get_if<authorize_error>(&checked)) return respond(answer_error(*e, version));
    const auto& r = std::get<authorize_request>(checked);
    const auto email = boost::algorithm::to_lower_copy(param(*form, "username"));
    // Each check is a password guess and costs a PBKDF2 hash (600,000 rounds
    // with the demo seed: a CPU lever), so each client address has a budget
    // (--sign-in-per-minute), spent by right and wrong passwords alike.
    double wait = 0;
    if (!sign_in_throttle_.take(http::client_address(req, 0), http::per_client_budget::clock::now(), wait)) {
        const auto seconds = std::to_string(static_cast<long>(std::max(1.0, std::ceil(wait))));
        auto res = sign_in_form(r, email, 429, "Too many attempts, try again in " + seconds + " s.", version);
        res.set(beast_http::field::retry_after, seconds);
        return respond(std::move(res));
    }
    boost::asio::post(password_checks_, [this, r, email, password = param(*form, "password"), version, respond] {
        // No exception may leave a pool thread (it would end the process).
        try {
            check_password(r, email, password, version, respond);
        } catch (const std::exception& e) {
            std::cerr << "error: sign-in: " << e.what() << "\n";
            respond(html_answer(500, error_page("server_error", "The sign-in could not be completed."), version));
        }
    });
}

http::response tenant::sign_in_form(const authorize_request& r, const std::string& email, int status,
                                    const std::string& message, unsigned version) {
    const auto c = db_.find_client(r.client_id);
    login_page_input page{db_.settings().friendly_name, c ? c->name : r.client_id, r.to_params(), email, message};
    auto res = html_answer(status, login_page(page), version);
    // The form posts here, and the answer redirects to the client: browsers
    // check form-action against that redirect too.
    res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' " +
                                           origin_of(r.redirect_uri) + "; frame-ancestors 'none'; base-uri 'none'");
    return res;
}

void tenant::check_password(const authorize_request& r, const std::string& email, const std::string& password,
                            unsigned version, const http::responder& respond) {
    std::optional<user_record> user;
    for (auto& candidate : db_.find_login_candidates(email, r.connection)) {
        if (verify_password(password, candidate.password_hash)) {
            user = std::move(candidate);
            break;
        }
    }
    if (!user) {
        // Auth0's Universal Login wording; no hint which of the two was wrong.
        std::cerr << "localtenant: sign-in failed\n";
        return respond(sign_in_form(r, email, 400, "Wrong email or password.", version));
    }
    if (user->profile.value("blocked", false)) {
        authorize_error e{true, "access_denied", "user is blocked", r.redirect_uri, r.response_mode, r.state};
        return respond(answer_error(e, version));
    }
    // A sign-in counts as a profile update (user-profile-structure: updated_at
    // "will match last_login" most of the time).
    const auto now_tp = std::chrono::system_clock::now();
    db_.update_user(user->user_id, [&](user_record& u) {
        const auto stamp = next_updated_at(now_tp, u.profile.value("updated_at", ""));
        u.profile["last_login"] = stamp;
        u.profile["updated_at"] = stamp;
        u.profile["logins_count"] = u.profile.value("logins_count", 0) + 1;
        return true;
    });
    std::cerr << "localtenant: sign-in succeeded\n";
    const auto now = now_seconds();
    const auto sid = oauth_.create_session(user->user_id, now);
    const auto auth_time = now - oauth_.take_backdate(user->user_id);  // the admin API's test knob
    authorization_code_grant g{
        r.client_id, r.redirect_uri,        user->user_id, r.scope, r.nonce, r.code_challenge, r.code_challenge_method,
        sid,         r.management_audience, auth_time,     0};
    http::query_params fields = {{"code", oauth_.issue_code(std::move(g), now)}};
    if (!r.state.empty()) fields.emplace_back("state", r.state);
    auto res = answer_client(r.redirect_uri, r.response_mode, fields, version);
    res.set(beast_http::field::set_cookie, session_cookie_header(sid, config_.https));
    respond(std::move(res));
}

void tenant::token(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto fail = [&](int status, std::string error, std::string description) {
        respond(oauth_error_answer({status, std::move(error), std::move(description)}, version));
    };
    const auto params = body_params(req);
    if (!params) {
        return fail(400, "invalid_request", "The body must be application/x-www-form-urlencoded or application/json.");
    }
    // Client authentication: client_secret_basic or client_secret_post, not both.
    std::string client_id = param(*params, "client_id");
    std::string client_secret = param(*params, "client_secret");
    const auto authorization = header(req, beast_http::field::authorization);
    if (!authorization.empty()) {
        if (authorization.size() < 6 || boost::algorithm::to_lower_copy(authorization.substr(0, 6)) != "basic ") {
            return fail(401, "invalid_client", "Client authentication failed");
        }
        if (!client_secret.empty()) {
            return fail(400, "invalid_request", "Use only one client authentication method.");
        }
        const auto decoded = core::base64_decode(authorization.substr(6));
        const auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) return fail(401, "invalid_client", "Client authentication failed");
        // RFC 6749 2.3.1: both halves are form-urlencoded.
        const auto id = http::percent_decode(decoded->substr(0, colon), true);
        const auto secret = http::percent_decode(decoded->substr(colon + 1), true);
        if (!id || !secret || (!client_id.empty() && client_id != *id)) {
            return fail(401, "invalid_client", "Client authentication failed");
        }
        client_id = *id;
        client_secret = *secret;
    }
    const auto grant_type = param(*params, "grant_type");
    stats_.count_grant(grant_type.empty() ? "(none)" : grant_type);
    if (grant_type.empty()) return fail(400, "invalid_request", "Missing required parameter: grant_type");
    if (grant_type != "authorization_code" && grant_type != "client_credentials") {
        return fail(400, "unsupported_grant_type", "Unsupported grant type: " + grant_type);
    }
    if (client_id.empty()) return fail(401, "invalid_client", "Client authentication failed");
    const auto c = db_.find_client(client_id);
    // A confidential client must prove its secret; a public one has none.
    const bool authenticated = c && (c->client_secret.empty()
                                         ? client_secret.empty()
                                         : crypto::constant_time_equal(client_secret, c->client_secret));
    if (!authenticated) {
        std::cerr << "localtenant: client authentication failed\n";
        return fail(401, "invalid_client", "Client authentication failed");
    }
    if (!c->allows_grant(grant_type)) {
        return fail(403, "unauthorized_client", "Grant type '" + grant_type + "' not allowed for the client.");
    }
    const auto now = now_seconds();
    json answer;
    if (grant_type == "client_credentials") {
        if (c->client_secret.empty()) return fail(401, "invalid_client", "Client authentication failed");
        const auto audience = param(*params, "audience");
        if (audience.empty()) {
            return fail(403, "access_denied",
                        "No audience parameter was provided, and no default audience has been configured");
        }
        if (audience != config_.issuer + "api/v2/") return fail(403, "access_denied", "Service not found: " + audience);
        if (c->management_api_scopes.empty()) {
            return fail(403, "access_denied",
                        "Client is not authorized to access \"" + audience +
                            "\". You need to create a \"client-grant\" associated to this API.");
        }
        // Requested scopes are narrowed to the granted ones; none asked: all granted.
        std::string scope;
        const auto requested = param(*params, "scope");
        for (const auto& s : c->management_api_scopes) {
            if (requested.empty() || split_scope(requested).count(s)) scope += (scope.empty() ? "" : " ") + s;
        }
        if (scope.empty()) return fail(403, "access_denied", "Client has not been granted scopes: " + requested);
        answer = {{"access_token",
                   sign_token(keys_, m2m_token_claims(config_.issuer, client_id, scope, config_.m2m_token_ttl, now))},
                  {"scope", scope},
                  {"expires_in", config_.m2m_token_ttl},
                  {"token_type", "Bearer"}};
    } else {
        // A real tenant answered a bad code with 403 invalid_grant "Invalid
        // authorization code" (GOREC), though OAS-A files invalid_grant under
        // 400: the observed status is used for every code-grant failure. The
        // other descriptions are UNCONFIRMED.
        const auto code = param(*params, "code");
        if (code.empty()) return fail(400, "invalid_request", "Missing required parameter: code");
        const auto g = oauth_.redeem_code(code, now);
        if (!g || g->client_id != client_id) return fail(403, "invalid_grant", "Invalid authorization code");
        if (param(*params, "redirect_uri") != g->redirect_uri) {
            return fail(403, "invalid_grant", "Redirect URI is wrong for this authorization code.");
        }
        if (!g->code_challenge.empty() &&
            !pkce_matches(param(*params, "code_verifier"), g->code_challenge, g->code_challenge_method)) {
            return fail(403, "invalid_grant", "Failed to verify code verifier");
        }
        if (g->code_challenge.empty() && c->client_secret.empty()) {
            return fail(403, "invalid_grant", "A public client must use PKCE.");
        }
        const auto user = db_.find_user(g->user_id);
        if (!user || user->profile.value("blocked", false)) {
            return fail(403, "invalid_grant", "Invalid authorization code");
        }
        const auto access_token = sign_token(keys_, user_access_token_claims(config_.issuer, client_id, user->user_id,
                                                                             g->scope, g->management_audience, now));
        id_token_input in{config_.issuer, client_id, g->nonce, g->sid, g->scope, access_token, g->auth_time, now};
        answer = {{"access_token", access_token},
                  {"id_token", sign_token(keys_, id_token_claims(in, user->profile))},
                  {"scope", g->scope},
                  {"expires_in", user_access_token_ttl},
                  {"token_type", "Bearer"}};
    }
    auto res = json_answer(200, answer, version);
    res.set(beast_http::field::pragma, "no-cache");
    respond(std::move(res));
}

void tenant::userinfo(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto unauthorized = [&] {
        auto res = oauth_error_answer({401, "invalid_token", "The access token is invalid or has expired"}, version);
        res.set(beast_http::field::www_authenticate, "Bearer error=\"invalid_token\"");
        respond(std::move(res));
    };
    const auto token = bearer_token(req);
    if (!token) return unauthorized();
    const auto verified = verify_token(*token, keys_, config_.issuer, now_seconds());
    const auto* claims = std::get_if<json>(&verified);
    if (!claims || !has_audience(*claims, config_.issuer + "userinfo")) return unauthorized();
    const auto user = db_.find_user(claims->value("sub", ""));
    if (!user) return unauthorized();
    respond(json_answer(200, userinfo_claims(user->profile, claims->value("scope", "")), version));
}

void tenant::v2_logout(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto q = query_of(req);
    const auto client_id = param(q, "client_id");
    auto return_to = param(q, "returnTo");
    std::vector<std::string> allowed;
    if (!client_id.empty()) {
        const auto c = db_.find_client(client_id);
        if (!c) {
            return respond(html_answer(400, error_page("invalid_request", "Unknown client: " + client_id), version));
        }
        allowed = c->allowed_logout_urls;
        // "returns the user to the first Allowed Logout URLs set" (5.6).
        if (return_to.empty() && !allowed.empty()) return_to = allowed.front();
    } else {
        allowed = db_.settings().allowed_logout_urls;
    }
    oauth_.end_session(cookie_value(req, session_cookie));
    http::response res;
    if (return_to.empty()) {
        res = html_answer(200, info_page("Signed out", "You are signed out."), version);
    } else if (!logout_url_allowed(return_to, allowed)) {
        res = html_answer(
            400,
            error_page("invalid_request", "The \"returnTo\" querystring parameter \"" + return_to +
                                              "\" is not defined as a valid URL in \"Allowed Logout URLs\"."),
            version);
    } else {
        res = http::redirect_response(return_to, version);
        res.set(beast_http::field::server, "localtenant");
    }
    res.set(beast_http::field::set_cookie, clear_cookie_header(config_.https));
    respond(std::move(res));
}

void tenant::oidc_logout(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto q = req.method() == beast_http::verb::post ? http::parse_query(req.body()).value_or(http::query_params{})
                                                          : query_of(req);
    const auto bad = [&](const std::string& why) {
        respond(html_answer(400, error_page("invalid_request", why), version));
    };
    auto client_id = param(q, "client_id");
    const auto hint = param(q, "id_token_hint");
    const auto sid = cookie_value(req, session_cookie);
    if (!hint.empty()) {
        const auto verified = verify_token(hint, keys_, config_.issuer, now_seconds(), false);
        const auto* claims = std::get_if<json>(&verified);
        if (!claims) return bad("The id_token_hint is invalid.");
        const auto aud = claims->value("aud", "");
        if (!client_id.empty() && client_id != aud) return bad("The client_id does not match the id_token_hint.");
        client_id = aud;
        // "checks for consistent user and session data" (5.6).
        if (const auto s = oauth_.find_session(sid, now_seconds()); s && s->user_id != claims->value("sub", "")) {
            return bad("The id_token_hint does not match the session.");
        }
    }
    const auto redirect = param(q, "post_logout_redirect_uri");
    std::vector<std::string> allowed;
    if (!client_id.empty()) {
        const auto c = db_.find_client(client_id);
        if (!c) return bad("Unknown client: " + client_id);
        allowed = c->allowed_logout_urls;
    } else {
        allowed = db_.settings().allowed_logout_urls;
    }
    if (!redirect.empty() && !logout_url_allowed(redirect, allowed)) {
        return bad("The post_logout_redirect_uri \"" + redirect + "\" is not an allowed logout URL.");
    }
    oauth_.end_session(sid);
    http::response res;
    if (redirect.empty()) {
        res = html_answer(200, info_page("Signed out", "You are signed out."), version);
    } else {
        const auto state = param(q, "state");
        res = http::redirect_response(state.empty() ? redirect : add_query(redirect, {{"state", state}}), version);
        res.set(beast_http::field::server, "localtenant");
    }
    res.set(beast_http::field::set_cookie, clear_cookie_header(config_.https));
    respond(std::move(res));
}

}  // namespace profiledesk::localtenant
