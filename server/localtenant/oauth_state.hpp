// Short-lived OAuth state, kept in memory (a restart forgets it, which only
// signs people out of the tenant): authorization codes and the tenant's own
// sign-in sessions (the "auth0" cookie that makes a second /authorize skip
// the form, unless prompt=login or max_age says otherwise).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::localtenant {

// Auth0 does not publish its code lifetime; RFC 6749 4.1.2 asks for a short
// one ("a maximum ... of 10 minutes is RECOMMENDED"). One minute is plenty
// for a redirect and a back-channel call.
inline constexpr std::int64_t authorization_code_ttl = 60;
// The tenant session (Auth0's default "Inactivity timeout" is 3 days and the
// absolute one 7 days; one absolute lifetime is enough here).
inline constexpr std::int64_t login_session_ttl = 7 * 24 * 3600;

struct authorization_code_grant {
    std::string client_id;
    std::string redirect_uri;
    std::string user_id;
    std::string scope;
    std::string nonce;
    std::string code_challenge;         // empty: no PKCE in the request
    std::string code_challenge_method;  // "S256" or "plain"
    std::string sid;
    bool management_audience = false;
    std::int64_t auth_time = 0;
    std::int64_t expires_at = 0;
};

struct login_session {
    std::string user_id;
    std::int64_t auth_time = 0;
    std::int64_t expires_at = 0;
};

class oauth_state {
public:
    // A fresh, unguessable code (256 bits) for `grant`, valid code_ttl seconds.
    std::string issue_code(authorization_code_grant grant, std::int64_t now,
                           std::int64_t code_ttl = authorization_code_ttl);
    // The grant, once: the code is gone afterwards whatever the caller decides
    // (a failed redemption burns it too, RFC 6749 4.1.2). nullopt when unknown
    // or expired.
    std::optional<authorization_code_grant> redeem_code(const std::string& code, std::int64_t now);

    std::string create_session(const std::string& user_id, std::int64_t now);
    std::optional<login_session> find_session(const std::string& sid, std::int64_t now);
    void end_session(const std::string& sid);
    // Moves every session's sign-in `seconds` into the past (tests: a sign-in
    // too old for a sensitive action, without waiting for it to age).
    void age_sessions(std::int64_t seconds);

private:
    void sweep(std::int64_t now);  // drops expired entries; caller holds the lock

    std::mutex mutex_;
    std::map<std::string, authorization_code_grant> codes_;
    std::map<std::string, login_session> sessions_;
    std::int64_t last_sweep_ = 0;
};

// RFC 7636 4.1: 43..128 characters of [A-Za-z0-9-._~].
bool valid_code_verifier(const std::string& verifier);

// RFC 7636 4.6: S256 compares base64url(SHA-256(verifier)) with the
// challenge, plain compares them directly; in constant time.
bool pkce_matches(const std::string& verifier, const std::string& challenge, const std::string& method);

}  // namespace profiledesk::localtenant
