#include "localtenant/oauth_state.hpp"

#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "profiledesk/core/base64.hpp"

#include <algorithm>
#include <cctype>

namespace profiledesk::localtenant {

std::string oauth_state::issue_code(authorization_code_grant grant, std::int64_t now, std::int64_t code_ttl) {
    auto code = crypto::random_token(32);
    grant.expires_at = now + code_ttl;
    const std::lock_guard lock(mutex_);
    sweep(now);
    codes_[code] = std::move(grant);
    return code;
}

std::optional<authorization_code_grant> oauth_state::redeem_code(const std::string& code, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    const auto it = codes_.find(code);
    if (it == codes_.end()) return std::nullopt;
    auto grant = std::move(it->second);
    codes_.erase(it);
    if (grant.expires_at <= now) return std::nullopt;
    return grant;
}

std::string oauth_state::create_session(const std::string& user_id, std::int64_t now) {
    auto sid = crypto::random_token(32);
    const std::lock_guard lock(mutex_);
    sweep(now);
    sessions_[sid] = {user_id, now, now + login_session_ttl};
    return sid;
}

std::optional<login_session> oauth_state::find_session(const std::string& sid, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(sid);
    if (it == sessions_.end() || it->second.expires_at <= now) return std::nullopt;
    return it->second;
}

void oauth_state::end_session(const std::string& sid) {
    const std::lock_guard lock(mutex_);
    sessions_.erase(sid);
}

void oauth_state::age_sessions(std::int64_t seconds) {
    const std::lock_guard lock(mutex_);
    for (auto& [sid, s] : sessions_) s.auth_time -= seconds;
}

void oauth_state::sweep(std::int64_t now) {
    // At most once a minute: the maps stay small, a sweep is cheap anyway.
    if (now - last_sweep_ < 60) return;
    last_sweep_ = now;
    for (auto it = codes_.begin(); it != codes_.end();) it = it->second.expires_at <= now ? codes_.erase(it) : ++it;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        it = it->second.expires_at <= now ? sessions_.erase(it) : ++it;
    }
}

bool valid_code_verifier(const std::string& verifier) {
    return verifier.size() >= 43 && verifier.size() <= 128 &&
           std::all_of(verifier.begin(), verifier.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; });
}

bool pkce_matches(const std::string& verifier, const std::string& challenge, const std::string& method) {
    if (!valid_code_verifier(verifier)) return false;
    if (method == "S256") {
        return crypto::constant_time_equal(core::base64url_encode(crypto::sha256(verifier)), challenge);
    }
    if (method == "plain") return crypto::constant_time_equal(verifier, challenge);
    return false;
}

}  // namespace profiledesk::localtenant
