// Fuzzes the JWKS parse (auth/jwks_cache: jwks::parse, and rsa_key::from_jwk
// for each entry) on the provider's jwks_uri document, as the OIDC client
// stores it. No network: the document is the input. Invariant beyond "no
// crash": every key kept is found by its kid or was published without one,
// only_key() answers exactly for a one-key set, and the cache serves what was
// stored.
#include "auth/jwks_cache.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace profiledesk::auth;
    using nlohmann::json;
    const auto document = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr,
                                      /*allow_exceptions=*/false);
    if (document.is_discarded()) return 0;
    auto keys = jwks::parse(document);
    if (!keys) return 0;

    // Keys are kept by kid, and those published without one (usable only
    // as a one-key set's only key, OpenID Connect Core 10.1).
    std::size_t found = 0, without_kid = 0;
    for (const auto& entry : document.at("keys")) {
        if (!entry.is_object()) continue;
        if (!entry.contains("kid") || !entry["kid"].is_string()) {
            ++without_kid;
        } else if (keys->find(entry["kid"].get<std::string>()) != nullptr) {
            ++found;
        }
    }
    if (keys->size() > found + without_kid) {
        std::cerr << "invariant broken: a key kept that the document does not hold\n";
        std::abort();
    }
    if ((keys->only_key() != nullptr) != (keys->size() == 1)) {
        std::cerr << "invariant broken: only_key() answers exactly for a one-key set\n";
        std::abort();
    }

    jwks_cache cache;
    const auto size_kept = keys->size();
    cache.store(std::move(*keys), jwks_cache::clock::time_point{});
    if (!cache.current() || cache.current()->size() != size_kept) {
        std::cerr << "invariant broken: the cache does not serve what was stored\n";
        std::abort();
    }
    return 0;
}
