#include "auth/jwks_cache.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

using nlohmann::json;
using profiledesk::auth::jwks;
using profiledesk::auth::jwks_cache;
using profiledesk::crypto::rsa_key;
using namespace std::chrono_literals;

namespace {

const rsa_key& key_a() {
    static const rsa_key k = rsa_key::generate();
    return k;
}
const rsa_key& key_b() {
    static const rsa_key k = rsa_key::generate();
    return k;
}

json doc(const std::vector<json>& keys) { return {{"keys", keys}}; }

// key_a's JWK under kid "a" with one member replaced or (null) removed.
json jwk_a_with(const std::string& member, const json& value) {
    json jwk = key_a().public_jwk("a");
    if (value.is_null()) {
        jwk.erase(member);
    } else {
        jwk[member] = value;
    }
    return jwk;
}

// The key found under kid verifies a signature made by `signer`.
bool verifies(const jwks& set, const std::string& kid, const rsa_key& signer) {
    const rsa_key* key = set.find(kid);
    return key != nullptr && key->verify_rs256("data", signer.sign_rs256("data"));
}

const jwks_cache::clock::time_point t0{std::chrono::hours(1000)};

}  // namespace

// ---------------------------------------------------------------- jwks::parse

TEST_CASE("jwks::parse refuses documents that are not a key set") {
    CHECK_FALSE(jwks::parse(json::array()));
    CHECK_FALSE(jwks::parse(json::object()));
    CHECK_FALSE(jwks::parse({{"keys", key_a().public_jwk("a")}}));
    CHECK_FALSE(jwks::parse("keys"));
}

TEST_CASE("jwks::parse accepts an empty key set") {
    const auto set = jwks::parse(doc({}));
    REQUIRE(set);
    CHECK(set->empty());
}

TEST_CASE("jwks::parse finds keys by kid") {
    const auto set = jwks::parse(doc({key_a().public_jwk("a"), key_b().public_jwk("b")}));
    REQUIRE(set);
    CHECK(set->size() == 2);
    CHECK(verifies(*set, "a", key_a()));
    CHECK(verifies(*set, "b", key_b()));
    CHECK_FALSE(verifies(*set, "a", key_b()));
    CHECK(set->find("c") == nullptr);
    CHECK(set->find("") == nullptr);
}

TEST_CASE("jwks::parse reads an Auth0-style document") {
    json jwk = key_a().public_jwk("a");
    jwk["x5t"] = "aGVsbG8";
    jwk["x5c"] = {"MIIDHTCCAgWgAwIBAgIJ"};
    const auto set = jwks::parse(doc({jwk}));
    REQUIRE(set);
    CHECK(verifies(*set, "a", key_a()));
}

TEST_CASE("jwks::parse keeps keys whose use and alg are absent") {
    const auto set = jwks::parse(doc({jwk_a_with("use", nullptr), jwk_a_with("alg", nullptr)}));
    REQUIRE(set);
    CHECK(verifies(*set, "a", key_a()));
}

TEST_CASE("jwks::parse skips keys we must not use, and keeps the rest") {
    const json good_b = key_b().public_jwk("b");
    auto kept_only_b = [&](const json& odd) {
        const auto set = jwks::parse(doc({odd, good_b}));
        REQUIRE(set);
        return set->size() == 1 && set->find("a") == nullptr && verifies(*set, "b", key_b());
    };
    SECTION("an encryption key") { CHECK(kept_only_b(jwk_a_with("use", "enc"))); }
    SECTION("a key for another algorithm") {
        CHECK(kept_only_b(jwk_a_with("alg", "RS512")));
        CHECK(kept_only_b(jwk_a_with("alg", "HS256")));
    }
    SECTION("a key of another type") { CHECK(kept_only_b(jwk_a_with("kty", "EC"))); }
    SECTION("a symmetric key") { CHECK(kept_only_b({{"kty", "oct"}, {"kid", "a"}, {"k", "c2VjcmV0"}})); }
    SECTION("a kid that is not a string") { CHECK(kept_only_b(jwk_a_with("kid", 7))); }
    SECTION("an unparsable modulus") { CHECK(kept_only_b(jwk_a_with("n", "not base64!"))); }
    SECTION("an entry that is not an object") { CHECK(kept_only_b("a")); }
}

TEST_CASE("a key without a kid is kept, and is the set's only key when alone") {
    const auto alone = jwks::parse(doc({jwk_a_with("kid", nullptr)}));
    REQUIRE(alone);
    CHECK(alone->size() == 1);
    REQUIRE(alone->only_key() != nullptr);
    CHECK(alone->only_key()->verify_rs256("data", key_a().sign_rs256("data")));

    const auto with_another = jwks::parse(doc({jwk_a_with("kid", nullptr), key_b().public_jwk("b")}));
    REQUIRE(with_another);
    CHECK(with_another->size() == 2);
    CHECK(with_another->only_key() == nullptr);
    CHECK(verifies(*with_another, "b", key_b()));
}

TEST_CASE("jwks::parse keeps the first of two keys with one kid") {
    const auto set = jwks::parse(doc({key_a().public_jwk("same"), key_b().public_jwk("same")}));
    REQUIRE(set);
    CHECK(set->size() == 1);
    CHECK(verifies(*set, "same", key_a()));
}

// ---------------------------------------------------------------- jwks_cache

TEST_CASE("an empty cache has no keys and wants a fetch") {
    const jwks_cache cache;
    CHECK(cache.current() == nullptr);
    CHECK(cache.is_stale(t0));
    CHECK(cache.should_refetch_for_unknown_kid(t0));
}

TEST_CASE("store makes the keys current") {
    jwks_cache cache;
    cache.store(*jwks::parse(doc({key_a().public_jwk("a")})), t0);
    REQUIRE(cache.current() != nullptr);
    CHECK(verifies(*cache.current(), "a", key_a()));
}

TEST_CASE("an unknown kid refetches only after the 30 s cool-down") {
    jwks_cache cache;
    cache.store(jwks{}, t0);
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0));
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 29s));
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 29999ms));
    CHECK(cache.should_refetch_for_unknown_kid(t0 + 30s));
    CHECK(cache.should_refetch_for_unknown_kid(t0 + 1h));
}

TEST_CASE("keys go stale after 10 minutes") {
    jwks_cache cache;
    cache.store(jwks{}, t0);
    CHECK_FALSE(cache.is_stale(t0));
    CHECK_FALSE(cache.is_stale(t0 + 9min + 59s));
    CHECK(cache.is_stale(t0 + 10min));
}

TEST_CASE("a new store restarts both clocks") {
    jwks_cache cache;
    cache.store(jwks{}, t0);
    cache.store(jwks{}, t0 + 20min);
    CHECK_FALSE(cache.is_stale(t0 + 25min));
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 20min + 10s));
}

TEST_CASE("a failed fetch starts the cool-down but keeps the old keys") {
    jwks_cache cache;
    cache.store(*jwks::parse(doc({key_a().public_jwk("a")})), t0);
    cache.record_failed_fetch(t0 + 40s);
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 50s));
    CHECK(cache.should_refetch_for_unknown_kid(t0 + 70s));
    REQUIRE(cache.current() != nullptr);
    CHECK(verifies(*cache.current(), "a", key_a()));
    CHECK_FALSE(cache.is_stale(t0 + 50s));  // staleness counts from the last success
}

TEST_CASE("a failed first fetch also starts the cool-down") {
    jwks_cache cache;
    cache.record_failed_fetch(t0);
    CHECK(cache.current() == nullptr);
    CHECK(cache.is_stale(t0 + 1s));
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 10s));
    CHECK(cache.should_refetch_for_unknown_kid(t0 + 30s));
}

TEST_CASE("the cool-down and maximum age are configurable") {
    jwks_cache cache(5s, 1min);
    cache.store(jwks{}, t0);
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 + 4s));
    CHECK(cache.should_refetch_for_unknown_kid(t0 + 5s));
    CHECK_FALSE(cache.is_stale(t0 + 59s));
    CHECK(cache.is_stale(t0 + 1min));
}

TEST_CASE("random kids every 100 ms for 5 minutes cause one fetch per cool-down") {
    jwks_cache cache;
    cache.store(jwks{}, t0);
    int fetches = 0;
    for (auto now = t0; now < t0 + 5min; now += 100ms) {
        if (cache.should_refetch_for_unknown_kid(now)) {
            ++fetches;
            cache.store(jwks{}, now);  // the provider still does not know the kid
        }
    }
    CHECK(fetches == 9);  // at 30 s, 60 s, ... 270 s
}

TEST_CASE("a snapshot taken before a store stays usable") {
    jwks_cache cache;
    cache.store(*jwks::parse(doc({key_a().public_jwk("a")})), t0);
    const auto before = cache.current();
    cache.store(*jwks::parse(doc({key_b().public_jwk("b")})), t0 + 1min);
    CHECK(verifies(*before, "a", key_a()));
    CHECK(verifies(*cache.current(), "b", key_b()));
    CHECK(cache.current()->find("a") == nullptr);
}

TEST_CASE("a clock that goes backwards does not open the cool-down") {
    jwks_cache cache;
    cache.store(jwks{}, t0);
    CHECK_FALSE(cache.should_refetch_for_unknown_kid(t0 - 1h));
}
