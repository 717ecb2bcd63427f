#include "auth/jwks_cache.hpp"

#include <stdexcept>

namespace profiledesk::auth {
namespace {

// True when `member` is absent or exactly `expected`.
bool absent_or(const nlohmann::json& jwk, const char* member, const char* expected) {
    const auto it = jwk.find(member);
    return it == jwk.end() || *it == expected;
}

}  // namespace

std::optional<jwks> jwks::parse(const nlohmann::json& document) {
    if (!document.is_object()) return std::nullopt;
    const auto keys = document.find("keys");
    if (keys == document.end() || !keys->is_array()) return std::nullopt;

    jwks result;
    for (const auto& jwk : *keys) {
        if (!jwk.is_object()) continue;
        const auto kid_member = jwk.find("kid");
        std::optional<std::string> kid;
        if (kid_member != jwk.end()) {
            if (!kid_member->is_string()) continue;
            kid = kid_member->get<std::string>();
            if (result.find(*kid) != nullptr) continue;
        }
        if (!absent_or(jwk, "use", "sig") || !absent_or(jwk, "alg", "RS256")) continue;
        try {
            result.keys_.emplace_back(std::move(kid), crypto::rsa_key::from_jwk(jwk));  // checks kty too
        } catch (const std::runtime_error&) {
            continue;  // unusable key: skip it, keep the others
        }
    }
    return result;
}

const crypto::rsa_key* jwks::find(std::string_view kid) const {
    for (const auto& [key_id, key] : keys_) {
        if (key_id == kid) return &key;
    }
    return nullptr;
}

const crypto::rsa_key* jwks::only_key() const { return keys_.size() == 1 ? &keys_.front().second : nullptr; }

void jwks::add(std::string kid, crypto::rsa_key key) {
    for (auto& [key_id, existing] : keys_) {
        if (key_id == kid) {
            existing = std::move(key);
            return;
        }
    }
    keys_.emplace_back(std::move(kid), std::move(key));
}

jwks_cache::jwks_cache(std::chrono::seconds refetch_cooldown, std::chrono::seconds max_age)
    : refetch_cooldown_(refetch_cooldown), max_age_(max_age) {}

void jwks_cache::store(jwks keys, clock::time_point now) {
    keys_ = std::make_shared<const jwks>(std::move(keys));
    fetched_at_ = now;
    last_attempt_at_ = now;
}

void jwks_cache::record_failed_fetch(clock::time_point now) { last_attempt_at_ = now; }

bool jwks_cache::should_refetch_for_unknown_kid(clock::time_point now) const {
    return !last_attempt_at_ || now - *last_attempt_at_ >= refetch_cooldown_;
}

bool jwks_cache::is_stale(clock::time_point now) const { return !fetched_at_ || now - *fetched_at_ >= max_age_; }

}  // namespace profiledesk::auth
