// One sign-in in progress: what /login must remember until /callback (RFC 6749
// state, OIDC nonce, RFC 7636 PKCE verifier, where to go afterwards). It lives
// in a sealed, short-lived cookie, so the server keeps nothing per attempt.
#pragma once

#include "auth/sealer.hpp"

#include "profiledesk/core/reauthentication.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

// The sealer purpose for transaction cookies; no other value is sealed with it.
inline constexpr std::string_view login_transaction_purpose = "login-transaction";

struct login_transaction {
    std::string state;            // 256 random bits, base64url: binds /callback to this browser
    std::string nonce;            // 256 random bits, base64url: binds the ID token to this login
    std::string code_verifier;    // 256 random bits, base64url: 43 characters (RFC 7636 allows 43-128)
    std::string return_to;        // a same-origin path (see safe_return_to), where the callback sends the user
    std::int64_t created_at = 0;  // Unix seconds; open_transaction refuses old ones
    // The provider was asked for credentials (prompt=login, max_age=0): its
    // answer counts as a fresh sign-in whatever auth_time says.
    bool fresh = false;
    // A re-authentication for a sensitive action (core/reauthentication.hpp):
    // the action to resume, and the user (sub) whose session asked for it.
    std::optional<core::reauth::action> reauth;
    std::string reauth_sub;
};

// A fresh transaction. `return_to` goes through safe_return_to, so whatever
// the request asked for, the result is a same-origin path.
login_transaction new_login_transaction(std::string return_to, std::int64_t now);

// What a callback makes of a re-authentication (`tx.reauth`), given who
// signed in (`sub`) and the ID token's auth_time.
enum class reauth_verdict {
    not_asked,   // an ordinary sign-in
    resume,      // the same user gave credentials after the transaction began: back to the action
    other_user,  // someone else signed in at the prompt: a session of their own, no resume
    stale,       // the same user, but auth_time is absent or older: refused, no session change
};

// Provider clocks may be a little behind ours: an auth_time up to a minute
// before the transaction began still counts as given for it.
inline constexpr std::int64_t reauth_clock_skew_seconds = 60;

reauth_verdict judge_reauthentication(const login_transaction& tx, std::string_view sub,
                                      std::optional<std::int64_t> auth_time);

// PKCE S256 code_challenge: base64url(SHA-256(ASCII verifier)), RFC 7636 4.2.
std::string pkce_challenge(std::string_view verifier);

// Seals the transaction for the cookie (about 3 KB at most with a 2048-byte
// return_to, under the 4096-byte cookie limit).
std::string seal_transaction(const login_transaction& transaction, const sealer& sealer);

// The transaction in a cookie value, or nullopt when it was not sealed by us
// for this purpose (tampered, truncated, another SECRET or purpose), is
// malformed inside, is older than max_age_seconds, or claims to come from
// more than a minute in the future. A non-positive max age accepts nothing.
std::optional<login_transaction> open_transaction(std::string_view cookie, const sealer& sealer, std::int64_t now,
                                                  std::int64_t max_age_seconds = 600);

// Where to send the user after sign-in: `requested` when it is a same-origin
// absolute path, else "/". Accepted: at most 2048 characters of visible ASCII
// (no spaces, no control characters, no bytes above 0x7e), starting with
// exactly one '/', with no "//" and no backslash anywhere. The same holds for
// its percent-decoded forms (decoded repeatedly, so "/%252F%252Fevil" is
// caught too), where decoded spaces and non-ASCII are fine but control
// characters are not; a malformed escape refuses. So "https://evil",
// "//evil", "/\evil", "\\evil", "/%2F%2Fevil", "/%5Cevil", "javascript:...",
// and CR/LF all become "/". A query string is kept, as long as it passes too.
std::string safe_return_to(std::string_view requested);

}  // namespace profiledesk::auth
