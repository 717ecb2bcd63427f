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
        const auto kid = jwk.find("kid");
        if (kid == jwk.end() || !kid->is_string()) continue;
        if (!absent_or(jwk, "use", "sig") || !absent_or(jwk, "alg", "RS256")) continue;
        if (result.find(kid->get_ref<const std::string&>()) != nullptr) continue;
        try {
            result.add(kid->get<std::string>(), crypto::rsa_key::from_jwk(jwk));  // checks kty too
        } catch (const std::runtime_error&) {
            continue;  // unusable key: skip it, keep the others
        }
    }
    return result;
}

const crypto::rsa_key* jwks::find(std::string_view kid) const {
    const auto it = keys_.find(kid);
    return it == keys_.end() ? nullptr : &it->second;
}

void jwks::add(std::string kid, crypto::rsa_key key) {
    keys_.insert_or_assign(std::move(kid), std::move(key));
}

jwks_cache::jwks_cache(std::chrono::seconds refetch_cooldown, std::chrono::seconds max_age)
    : refetch_cooldown_(refetch_cooldown), max_age_(max_age) {}

void jwks_cache::store(jwks keys, clock::time_point now) {
    keys_ = std::make_shared<const jwks>(std::move(keys));
    fetched_at_ = now;
    last_attempt_at_ = now;
}

void jwks_cache::record_failed_fetch(clock::time_point now) {
    last_attempt_at_ = now;
}

bool jwks_cache::should_refetch_for_unknown_kid(clock::time_point now) const {
    return !last_attempt_at_ || now - *last_attempt_at_ >= refetch_cooldown_;
}

bool jwks_cache::is_stale(clock::time_point now) const {
    return !fetched_at_ || now - *fetched_at_ >= max_age_;
}

}  // namespace profiledesk::auth
