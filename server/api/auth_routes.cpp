#include "api/auth_routes.hpp"

#include "api/store_unavailable.hpp"
#include "auth/cookies.hpp"
#include "auth/csrf.hpp"
#include "auth/login_transaction.hpp"
#include "crypto/digest.hpp"
#include "http/html_page.hpp"
#include "http/per_client_budget.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"
#include "metrics/server_metrics.hpp"
#include "profiledesk/core/address_display.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/device_label.hpp"
#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/session_view.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

auth::cookie_attributes cookie_attrs(const auth_context& ctx, std::optional<std::chrono::seconds> max_age = {}) {
    auth::cookie_attributes a;
    a.secure = ctx.https;
    a.http_only = true;
    a.same_site = "Lax";  // sent on the provider's top-level redirect back to /callback
    a.path = "/";
    a.max_age = max_age;
    return a;
}

std::string target_of(const http::request& req) { return std::string(req.target()); }

// The log line for a refused sign-in: which check failed, never a value.
void log_refusal(const log::request_id& id, const std::string& check) {
    log::warn(id, "login refused", {{"check", log::text(check)}});
    metrics::server().sign_in(check);
}

http::response try_again_page(status s, std::string_view title, std::string_view message) {
    return http::html_page(s, title, message, "/login", "Try signing in again");
}

// A new login transaction (in its sealed cookie) and the redirect to the
// provider; `fresh` makes the provider ask for credentials (prompt=login).
http::response to_provider(auth_context& ctx, const auth::provider_metadata& m, std::string return_to, bool fresh) {
    auto tx = auth::new_login_transaction(std::move(return_to), unix_now());
    tx.fresh = fresh;
    auto res = http::redirect_response(
        ctx.oidc->authorization_url(m, tx.state, tx.nonce, auth::pkce_challenge(tx.code_verifier), fresh));
    res.insert(beast_http::field::set_cookie,
               auth::set_cookie_header(auth::transaction_cookie_name(ctx.https),
                                       auth::seal_transaction(tx, *ctx.transaction_sealer),
                                       cookie_attrs(ctx, ctx.transaction_lifetime)));
    return res;
}

// A NumericDate claim (RFC 7519: seconds, possibly fractional); nullopt when
// absent or not a plausible time.
std::optional<std::int64_t> unix_seconds_claim(const nlohmann::json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < 0 || v > 1e12) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

void handle_login(auth_context& ctx, http::request&& req, const http::responder& respond) {
    const auto m = ctx.oidc->metadata();
    if (!m) {
        auto res = http::html_page(status::service_unavailable, "Sign-in is not available right now",
                                   "The identity provider cannot be reached. Please try again in a minute.", "/login",
                                   "Try again");
        res.set(beast_http::field::retry_after, "30");
        return respond(std::move(res));
    }
    const auto params = http::parse_query(http::target_query(target_of(req)));
    const auto requested = params ? http::single_param(*params, "returnTo") : std::nullopt;
    respond(to_provider(ctx, *m, auth::safe_return_to(requested.value_or("/")), false));
}

// What a sign-in step answers while the session store cannot be reached:
// the try-again page (a browser navigation, not a fetch), 503 with
// Retry-After. The transaction cookie is spent all the same.
http::response sign_in_store_unavailable(const log::request_id& rid, const std::string& clear_tx) {
    log::error(rid, "login: the session store is unavailable");
    metrics::server().sign_in("store_unavailable");
    auto res = try_again_page(status::service_unavailable, "Sign-in is not available right now",
                              "Sessions are briefly unavailable. Please try signing in again in a moment.");
    res.set(beast_http::field::retry_after, std::to_string(store_retry_after_seconds));
    res.insert(beast_http::field::set_cookie, clear_tx);
    return res;
}

// The last step of a sign-in that passed every check: a NEW session, 302 to returnTo.
void start_session(const std::shared_ptr<auth_context>& ctx, auth::session_user user, std::int64_t auth_time,
                   const auth::sign_in_origin& origin, const std::string& return_to, const std::string& clear_tx,
                   const log::request_id& rid, const http::responder& respond) {
    ctx->sessions->create(
        std::move(user), auth_time, origin, std::chrono::system_clock::now(),
        [ctx, return_to, clear_tx, rid, respond](state::outcome<auth::session> s) {
            if (!s.available()) return respond(sign_in_store_unavailable(rid, clear_tx));
            auto res = http::redirect_response(return_to);
            res.insert(beast_http::field::set_cookie, clear_tx);
            res.insert(beast_http::field::set_cookie,
                       auth::set_cookie_header(auth::session_cookie_name(ctx->https), s.value->id, cookie_attrs(*ctx)));
            log::info(rid, "login: session started");
            metrics::server().sign_in("success");
            respond(std::move(res));
        });
}

// The provider signed this user in before they signed out everywhere (its
// single sign-on on another device): not enough (sign_out_marks.hpp).
void admit(const std::shared_ptr<auth_context>& ctx, auth::session_user user,
           std::optional<std::int64_t> provider_auth_time, bool fresh, const auth::sign_in_origin& origin,
           const std::string& return_to, const std::string& clear_tx, const log::request_id& rid,
           const http::responder& respond) {
    const auto sub = user.sub;
    ctx->sign_out_marks->check(
        sub, provider_auth_time, fresh, unix_now(),
        [ctx, user, provider_auth_time, origin, return_to, clear_tx, rid,
         respond](state::outcome<auth::sign_out_verdict> verdict) {
            if (!verdict.available()) return respond(sign_in_store_unavailable(rid, clear_tx));
            switch (*verdict.value) {
                case auth::sign_out_verdict::accept: break;
                case auth::sign_out_verdict::ask_for_credentials: {
                    log::info(rid, "login: sign-in predates a sign-out everywhere: asking for credentials");
                    const auto m = ctx->oidc->metadata();
                    if (!m) {
                        return respond(try_again_page(status::service_unavailable, "Sign-in is not available right now",
                                                      "The identity provider cannot be reached."));
                    }
                    // The old transaction cookie is replaced by the new one.
                    return respond(to_provider(*ctx, *m, return_to, true));
                }
                case auth::sign_out_verdict::refuse: {
                    log_refusal(rid, "not_reauthenticated");
                    auto res = try_again_page(
                        status::forbidden, "Please sign in with your password",
                        "You signed out everywhere, so this browser's earlier sign-in at the "
                        "identity provider no longer counts. Sign in again with your credentials.");
                    res.insert(beast_http::field::set_cookie, clear_tx);
                    return respond(std::move(res));
                }
            }
            start_session(ctx, user, provider_auth_time.value_or(0), origin, return_to, clear_tx, rid, respond);
        });
}

// After the state was found unused: the provider's answer, the code exchange,
// the ID token check, then admit().
void complete_callback(const std::shared_ptr<auth_context>& ctx, const http::query_params& params,
                       const auth::login_transaction& tx, std::optional<std::string> previous_session,
                       const auth::sign_in_origin& origin, const std::string& clear_tx, const log::request_id& rid,
                       const http::responder& respond) {
    const auto refuse = [&](http::response res) {
        res.insert(beast_http::field::set_cookie, clear_tx);
        respond(std::move(res));
    };
    if (const auto error = http::single_param(params, "error")) {
        log_refusal(rid, "provider_error");
        // The value comes from the query string: logged only when it is a plain OAuth error code.
        const bool printable = !error->empty() && error->size() <= 64 &&
                               std::all_of(error->begin(), error->end(),
                                           [](unsigned char c) { return std::isalnum(c) || c == '_'; });
        log::warn(rid, "login: the provider answered an error",
                  {{"error", log::text(printable ? *error : std::string("(unprintable)"))}});
        auto description = http::single_param(params, "error_description").value_or(*error);
        if (description.size() > 300) description.resize(300);
        return refuse(try_again_page(status::bad_request, "Sign-in was not completed",
                                     "The identity provider said: " + description));
    }
    const auto code = http::single_param(params, "code");
    if (!code || code->empty()) {
        log_refusal(rid, "code_missing");
        return refuse(try_again_page(status::bad_request, "Sign-in failed", "The sign-in response has no code."));
    }
    ctx->oidc->complete_login(
        *code, tx.code_verifier, tx.nonce, rid,
        [ctx, respond, clear_tx, return_to = tx.return_to, fresh = tx.fresh, previous_session, origin,
         rid](auth::login_result result) {
            if (!result.ok) {
                log_refusal(rid, result.failure);
                auto res = try_again_page(status::bad_gateway, "Sign-in failed",
                                          "We could not verify your sign-in with the identity provider.");
                res.insert(beast_http::field::set_cookie, clear_tx);
                return respond(std::move(res));
            }
            auth::session_user user;
            user.sub = core::string_member(result.claims, "sub");
            // OIDC's standard claims (OIDC Core 1.0, section 5.1) carry the names
            // Auth0 gives the same root attributes.
            user.name = core::string_member(result.claims, core::root_key::name);
            user.picture = core::string_member(result.claims, core::root_key::picture);
            user.email = core::string_member(result.claims, core::root_key::email);
            // Auth0 subjects are "<provider>|<id>"; the provider names the connection's kind.
            user.connection = user.sub.substr(0, user.sub.find('|'));
            const auto provider_auth_time = unix_seconds_claim(result.claims, "auth_time");
            if (!previous_session)
                return admit(ctx, user, provider_auth_time, fresh, origin, return_to, clear_tx, rid, respond);
            // Never keep a session id presented before login (session fixation).
            ctx->sessions->erase(*previous_session, [=](state::outcome<state::done> erased) {
                if (!erased.available()) return respond(sign_in_store_unavailable(rid, clear_tx));
                admit(ctx, user, provider_auth_time, fresh, origin, return_to, clear_tx, rid, respond);
            });
        });
}

void handle_callback(const std::shared_ptr<auth_context>& ctx, http::request&& req, const http::responder& respond) {
    // The transaction cookie is spent whatever happens next.
    const auto clear_tx = auth::clear_cookie_header(auth::transaction_cookie_name(ctx->https), cookie_attrs(*ctx));
    const auto refuse = [&](http::response res) {
        res.insert(beast_http::field::set_cookie, clear_tx);
        respond(std::move(res));
    };
    const auto rid = http::request_id_of(req);
    const auto params = http::parse_query(http::target_query(target_of(req)));
    if (!params) {
        log_refusal(rid, "malformed_callback");
        return refuse(try_again_page(status::bad_request, "Sign-in failed", "The sign-in response was malformed."));
    }
    const auto cookie = auth::cookie_value(req, auth::transaction_cookie_name(ctx->https));
    const auto tx = cookie ? auth::open_transaction(*cookie, *ctx->transaction_sealer, unix_now(),
                                                    ctx->transaction_lifetime.count())
                           : std::nullopt;
    if (!tx) {
        log_refusal(rid, cookie ? "transaction_invalid_or_expired" : "transaction_missing");
        return refuse(try_again_page(status::bad_request, "Sign-in expired",
                                     "This sign-in was started too long ago, in another browser, or has already "
                                     "been completed."));
    }
    const auto state = http::single_param(*params, "state");
    if (!state || !crypto::constant_time_equal(*state, tx->state)) {
        log_refusal(rid, "state_mismatch");
        return refuse(try_again_page(status::bad_request, "Sign-in failed",
                                     "The sign-in response does not belong to this browser's sign-in."));
    }
    const auto previous_session = auth::cookie_value(req, auth::session_cookie_name(ctx->https));
    // What "Where you're signed in" shows of this sign-in; the User-Agent and
    // the full address themselves are not kept.
    const auto user_agent = req[beast_http::field::user_agent];
    const auth::sign_in_origin origin{core::device_label({user_agent.data(), user_agent.size()}),
                                      core::shortened_address(http::client_address(req, ctx->trusted_proxies))};
    ctx->used_states->first_use(
        tx->state, std::chrono::steady_clock::now(), [=, params = *params, tx = *tx](state::outcome<bool> first) {
            if (!first.available()) return respond(sign_in_store_unavailable(rid, clear_tx));
            if (!*first.value) {
                log_refusal(rid, "state_replayed");
                auto res = try_again_page(status::bad_request, "Sign-in expired",
                                          "This sign-in has already been completed.");
                res.insert(beast_http::field::set_cookie, clear_tx);
                return respond(std::move(res));
            }
            complete_callback(ctx, params, tx, previous_session, origin, clear_tx, rid, respond);
        });
}

// Where a signed-out browser goes next: the provider's logout (it ends the
// provider's session too, then comes back to BASE_URL/), or home while the
// provider is not discovered.
std::string provider_logout_url(const auth_context& ctx) {
    const auto m = ctx.oidc->metadata();
    return m ? ctx.oidc->logout_url(*m, ctx.base_url + "/") : "/";
}

// The sign-out pages' answer while the session store cannot be reached
// (browser navigations: a page, not JSON): 503 with Retry-After, nothing changed.
http::response sign_out_store_unavailable(const log::request_id& rid, unsigned version) {
    log::error(rid, "logout: the session store is unavailable");
    auto res = http::html_page(status::service_unavailable, "Sign-out is not available right now",
                               "Sessions are briefly unavailable. Please try again in a moment.", "/logout",
                               "Try again");
    res.set(beast_http::field::retry_after, std::to_string(store_retry_after_seconds));
    res.version(version);
    return res;
}

// Ends the session the request's cookie names, if any; `done` gets whether
// the store could be reached (when not, nothing ended: keep the cookie).
void end_this_session(auth_context& ctx, const http::request& req, state::callback<state::done> done) {
    const auto id = auth::cookie_value(req, auth::session_cookie_name(ctx.https));
    if (!id) return done(state::outcome<state::done>::of({}));
    ctx.sessions->erase(*id, std::move(done));
}

// GET /logout changes nothing: a link on another site is a top-level GET
// that carries our SameSite=Lax cookie (so is an <img> on a sibling
// subdomain). It shows a page whose button POSTs to /logout from our origin.
void handle_logout_page(const std::shared_ptr<auth_context>& ctx, http::request&& req, const http::responder& respond) {
    const auto version = req.version();
    const auto rid = http::request_id_of(req);
    find_session(*ctx, req, [ctx, version, rid, respond](state::outcome<std::optional<auth::session>> s) {
        if (!s.available()) return respond(sign_out_store_unavailable(rid, version));
        if (!*s.value) {
            return respond(http::html_page(status::ok, "You are signed out",
                                           "No one is signed in to Profile Desk in this browser.", "/",
                                           "Back to Profile Desk"));
        }
        auto res = http::html_post_button_page(status::ok, "Sign out?",
                                               "Sign out of Profile Desk and of the identity provider in this browser.",
                                               "/logout", "Sign out", "/", "Stay signed in");
        // The form follows POST /logout's redirect to the provider's logout,
        // which the policy must allow (form-action applies to redirects).
        const auto logout = http::parse_absolute_url(provider_logout_url(*ctx));
        res.set("Content-Security-Policy", http::content_security_policy(logout ? logout->origin() : std::string()));
        respond(std::move(res));
    });
}

void handle_logout(const std::shared_ptr<auth_context>& ctx, http::request&& req, const http::responder& respond) {
    // A cross-site form must not sign people out.
    if (!auth::comes_from_our_origin(req, ctx->origin)) {
        log::warn(http::request_id_of(req), "logout refused", {{"check", "cross_origin"}});
        return respond(http::html_page(status::forbidden, "Sign-out refused",
                                       "Signing out must start from Profile Desk's own page.", "/",
                                       "Back to Profile Desk"));
    }
    const auto version = req.version();
    const auto rid = http::request_id_of(req);
    end_this_session(*ctx, req, [ctx, version, rid, respond](state::outcome<state::done> ended) {
        if (!ended.available()) return respond(sign_out_store_unavailable(rid, version));
        auto res = http::redirect_response(provider_logout_url(*ctx), version);
        res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx));
        respond(std::move(res));
    });
}

// The app's "Sign out": like POST /logout, but a fetch cannot follow a
// redirect to another origin, so the answer names the provider's logout and
// the app goes there. No CSRF token: a session that already expired must
// still be able to leave the provider; the origin check stops other sites.
void handle_end_session(const std::shared_ptr<auth_context>& ctx, http::request&& req, const http::responder& respond) {
    if (!auth::comes_from_our_origin(req, ctx->origin)) {
        log::warn(http::request_id_of(req), "end session: csrf refused", {{"check", "cross_origin"}});
        return respond(http::error_response(status::forbidden, core::api_error::csrf_failed,
                                            auth::csrf_failure_message(auth::csrf_failure::cross_origin),
                                            req.version()));
    }
    const auto version = req.version();
    end_this_session(*ctx, req, [ctx, version, respond](state::outcome<state::done> ended) {
        if (!ended.available()) return respond(store_unavailable(version));
        auto res = http::json_response(status::ok, {{"logoutUrl", provider_logout_url(*ctx)}}, version);
        res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx));
        respond(std::move(res));
    });
}

// "Sign out everywhere": ends every session of the signed-in user here (the
// one sending this too), e.g. one left open on a shared computer, and marks
// the time: a later sign-in carried by the provider's older session must give
// credentials again (sign_out_marks.hpp). A JSON POST with the CSRF token, so
// no other site can make a user do it. The mark is written first: if the
// store fails between the two steps, the user's sessions (and so their
// retry) are still there, never sessions ended without the mark.
void handle_end_all_sessions(const std::shared_ptr<auth_context>& ctx, http::request&& req,
                             const http::responder& respond, const std::optional<auth::session>& s) {
    if (!s) {
        return respond(http::error_response(status::unauthorized, core::api_error::unauthenticated, "Please sign in.",
                                            req.version()));
    }
    const auto csrf = auth::check_state_changing_request(req, s->csrf_token, ctx->origin);
    if (csrf == auth::csrf_failure::bad_content_type) {
        return respond(http::error_response(status::unsupported_media_type, core::api_error::unsupported_media_type,
                                            "Send the request as application/json.", req.version()));
    }
    if (csrf != auth::csrf_failure::none) {
        log::warn(http::request_id_of(req), "end all sessions: csrf refused",
                  {{"check", log::text(auth::to_string(csrf))}});
        return respond(http::error_response(status::forbidden, core::api_error::csrf_failed,
                                            auth::csrf_failure_message(csrf), req.version()));
    }
    const auto version = req.version();
    const auto sub = s->user.sub;
    const auto rid = http::request_id_of(req);
    ctx->sign_out_marks->mark(sub, unix_now(), [ctx, version, sub, rid, respond](state::outcome<state::done> marked) {
        if (!marked.available()) return respond(store_unavailable(version));
        ctx->sessions->erase_user(sub, [ctx, version, rid, respond](state::outcome<std::size_t> ended) {
            if (!ended.available()) return respond(store_unavailable(version));
            log::info(rid, "sessions: a user ended all their sessions", {{"ended", *ended.value}});
            auto res = http::json_response(status::ok, {{"ended", *ended.value}}, version);
            res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx));
            respond(std::move(res));
        });
    });
}

void handle_session(http::request&& req, const http::responder& respond, const std::optional<auth::session>& s) {
    core::session_view view;
    if (s) {
        view.user = core::session_user_view{s->user.sub, s->user.name, s->user.picture, s->user.connection};
        view.csrf_token = s->csrf_token;
    }
    respond(http::json_response(status::ok, core::session_view_to_json(view), req.version()));
}

}  // namespace

void find_session(auth_context& ctx, const http::request& req, state::callback<std::optional<auth::session>> done) {
    auto id = auth::cookie_value(req, auth::session_cookie_name(ctx.https));
    if (!id) return done(state::outcome<std::optional<auth::session>>::of(std::nullopt));
    ctx.sessions->find(std::move(*id), std::chrono::system_clock::now(), std::move(done));
}

http::handler with_session(std::shared_ptr<auth_context> ctx, session_handler next) {
    auto shared_next = std::make_shared<session_handler>(std::move(next));
    return [ctx, shared_next](http::request&& req, http::responder respond) {
        // Kept until the store answers, which may be later, on another thread.
        auto held = std::make_shared<http::request>(std::move(req));
        find_session(*ctx, *held, [shared_next, held, respond](state::outcome<std::optional<auth::session>> found) {
            if (!found.available()) return respond(store_unavailable(held->version()));
            (*shared_next)(std::move(*held), respond, std::move(*found.value));
        });
    };
}

std::string clear_session_cookie(const auth_context& ctx) {
    return auth::clear_cookie_header(auth::session_cookie_name(ctx.https), cookie_attrs(ctx));
}

void add_auth_routes(http::router& routes, std::shared_ptr<auth_context> ctx) {
    using verb = beast_http::verb;
    // Each sign-in step costs a sealed transaction or a token-endpoint call
    // and a replay-guard entry: a client gets a budget of them.
    const auto budgeted = [ctx](http::handler h) {
        if (!ctx->sign_in_throttle) return h;
        return http::throttled(
            std::move(h), ctx->sign_in_throttle, ctx->trusted_proxies,
            [](unsigned wait) {
                metrics::server().budget_refused(metrics::budget::sign_in);
                return http::html_page(status::too_many_requests, "Too many sign-in attempts",
                                       "Please wait " + std::to_string(std::max(1u, wait)) +
                                           " seconds, then sign in again.",
                                       "/login", "Sign in");
            },
            store_unavailable);
    };
    routes.add(verb::get, "/login", budgeted([ctx](http::request&& req, http::responder respond) {
                   handle_login(*ctx, std::move(req), respond);
               }));
    routes.add(verb::get, "/callback", budgeted([ctx](http::request&& req, http::responder respond) {
                   handle_callback(ctx, std::move(req), respond);
               }));
    routes.add(verb::get, "/logout", [ctx](http::request&& req, http::responder respond) {
        handle_logout_page(ctx, std::move(req), respond);
    });
    routes.add(verb::post, "/logout",
               [ctx](http::request&& req, http::responder respond) { handle_logout(ctx, std::move(req), respond); });
    routes.add(verb::post, "/api/session/end", [ctx](http::request&& req, http::responder respond) {
        handle_end_session(ctx, std::move(req), respond);
    });
    routes.add(verb::get, "/api/session",
               with_session(ctx, [](http::request&& req, http::responder respond, std::optional<auth::session> s) {
                   handle_session(std::move(req), respond, s);
               }));
    routes.add(verb::post, "/api/session/end-all",
               with_session(ctx, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
                   handle_end_all_sessions(ctx, std::move(req), respond, s);
               }));
}

}  // namespace profiledesk::api
