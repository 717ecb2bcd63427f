// Sign-in, sign-out and the session endpoint:
//   GET /login?returnTo=/path   302 to the provider (state, nonce, PKCE S256)
//   GET /callback               verifies everything, creates a NEW session, 302 to returnTo
//   GET /logout                 changes nothing: a page whose button POSTs /logout
//   POST /logout                ends the session here, 302 to the provider's logout
//   POST /api/session/end       the same for the app's fetch: 200 {logoutUrl}
//   GET /api/session            {authenticated, user, csrfToken}
//   POST /api/session/end-all   ends every session of the user ("sign out everywhere")
#pragma once

#include "auth/oidc_client.hpp"
#include "auth/replay_guard.hpp"
#include "auth/sealer.hpp"
#include "auth/session_store.hpp"
#include "auth/sign_out_marks.hpp"
#include "http/per_client_budget.hpp"
#include "http/router.hpp"
#include "state/outcome.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace profiledesk::api {

struct auth_context {
    std::shared_ptr<auth::oidc_client> oidc;
    std::shared_ptr<auth::session_store> sessions;
    std::shared_ptr<auth::sealer> transaction_sealer;  // keyed from SECRET, purpose "login-transaction"
    std::string base_url;                              // BASE_URL, no trailing slash
    bool https = false;                                // BASE_URL is https: Secure and __Host- cookies
    std::string origin;                                // BASE_URL's origin, for the sign-out routes' check
    std::chrono::seconds transaction_lifetime{600};
    // Login states already used (single use); lives as long as a transaction.
    std::shared_ptr<auth::replay_guard> used_states = std::make_shared<auth::memory_replay_guard>(
        std::chrono::seconds(600));
    // When users signed out everywhere (an older provider sign-in then needs credentials).
    std::shared_ptr<auth::sign_out_marks> sign_out_marks = std::make_shared<auth::memory_sign_out_marks>();
    // Each client's budget for /login and /callback together (null: none).
    std::shared_ptr<http::client_budget> sign_in_throttle;
    unsigned trusted_proxies = 0;  // TRUSTED_PROXIES, to find the client's address
};

void add_auth_routes(http::router& routes, std::shared_ptr<auth_context> ctx);

// The live session the request's cookie names (nullopt: none), through
// `done`: inline with the memory store, later on an I/O thread with Redis;
// `unavailable` when the session store cannot be reached.
void find_session(auth_context& ctx, const http::request& req, state::callback<std::optional<auth::session>> done);

// A route that needs to know who is signed in: `next` gets the request and
// the session (nullopt: nobody signed in). While the session store cannot be
// reached the route answers 503 session_store_unavailable
// (api/store_unavailable.hpp) and `next` does not run.
using session_handler = std::function<void(http::request&&, http::responder, std::optional<auth::session>)>;
http::handler with_session(std::shared_ptr<auth_context> ctx, session_handler next);

// The Set-Cookie value that removes the session cookie from the browser.
std::string clear_session_cookie(const auth_context& ctx);
// The Set-Cookie value that hands the browser session `id`.
std::string session_cookie(const auth_context& ctx, const std::string& id);

}  // namespace profiledesk::api
