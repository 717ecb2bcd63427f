// The provider's signing keys (a JWKS document) and when to fetch them again.
// Pure logic: the HTTP fetch lives elsewhere and calls store().
#pragma once

#include "crypto/rsa_key.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profiledesk::auth {

// The RSA public keys of a JWKS document (RFC 7517 section 5), by kid.
class jwks {
public:
    // nullopt when the document is not {"keys": [...]}. Inside, only keys we can
    // use for RS256 ID tokens are kept: kty "RSA", "use" absent or "sig", "alg"
    // absent or "RS256", and n/e that make a sane public key; kid a string, or
    // absent (RFC 7517 4.5 makes it optional: such a key is found only as
    // only_key()). Every other entry is skipped rather than failing the whole
    // set, so one odd key (an encryption key, a future algorithm) cannot lock
    // everyone out. When a kid repeats, the first usable entry wins.
    static std::optional<jwks> parse(const nlohmann::json& document);

    // The key for `kid`, or null.
    const crypto::rsa_key* find(std::string_view kid) const;

    // The set's key when it holds exactly one, else null: a token may omit
    // kid only then (OpenID Connect Core 1.0 section 10.1: "If there are
    // multiple keys in the referenced JWK Set document, a kid value MUST be
    // provided in the JOSE Header").
    const crypto::rsa_key* only_key() const;

    // Adds or replaces a key (the local tenant and tests build sets this way).
    void add(std::string kid, crypto::rsa_key key);

    std::size_t size() const { return keys_.size(); }
    bool empty() const { return keys_.empty(); }

private:
    // kid (nullopt: published without one) and key, in document order.
    std::vector<std::pair<std::optional<std::string>, crypto::rsa_key>> keys_;
};

// When to refetch the JWKS. Not synchronised: the owner holds a mutex.
//
// Times are steady_clock so a wall-clock jump cannot defeat the cool-down.
// Two rules (Auth0: cache 5-10 min, refetch once on an unknown kid, limit
// refetches):
//  - is_stale: the keys are older than max_age, refresh before (or while) use;
//  - should_refetch_for_unknown_kid: a token names a kid we lack, which is how
//    a key rotation looks, but also what an attacker sending random kids looks
//    like, so at most one fetch per cool-down, counted from the last attempt
//    (failed ones too, or a provider outage would be hammered).
class jwks_cache {
public:
    using clock = std::chrono::steady_clock;

    explicit jwks_cache(std::chrono::seconds refetch_cooldown = std::chrono::seconds(30),
                        std::chrono::seconds max_age = std::chrono::minutes(10));

    // A successful fetch: the new keys replace the old ones.
    void store(jwks keys, clock::time_point now);

    // A failed fetch: keeps the old keys but starts the cool-down.
    void record_failed_fetch(clock::time_point now);

    // The current keys (a snapshot a verifier may keep while another thread
    // stores new ones), or null before the first successful fetch.
    std::shared_ptr<const jwks> current() const { return keys_; }

    // True when nothing was ever fetched, or the last attempt is at least
    // refetch_cooldown old.
    bool should_refetch_for_unknown_kid(clock::time_point now) const;

    // True when nothing was ever fetched, or the keys are at least max_age old.
    // It stays true after a failed refresh: gate refreshes on the cool-down
    // too, or an outage at the provider turns every request into a fetch.
    bool is_stale(clock::time_point now) const;

private:
    std::chrono::seconds refetch_cooldown_;
    std::chrono::seconds max_age_;
    std::shared_ptr<const jwks> keys_;
    std::optional<clock::time_point> fetched_at_;
    std::optional<clock::time_point> last_attempt_at_;
};

}  // namespace profiledesk::auth
