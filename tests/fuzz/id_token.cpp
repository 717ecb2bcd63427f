// Fuzzes ID token verification (auth/id_token) as /callback runs it: the
// token's three parts, base64url, the header and claims JSON, alg and kid,
// against a fixed key set. Invariant beyond "no crash": no token the fuzzer
// writes verifies, since it cannot sign with the key (a token that did would
// mean a check let an unsigned or wrongly signed token through).
#include "auth/id_token.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;

// A fixed RSA-2048 public key (its private half was thrown away), so a
// crashing input replays exactly.
constexpr const char* modulus =
    "oESAjJuQ1sX84LFY-rN9UPU3Hal8HylBVuDacVHJ09oxLqQ3lWsUs9UrKSML42xyXzlMECxR3gosbD3k4qgcMsTMxExYNjTXncxs"
    "x-psgQO5-kNmS1PKkicn4uVmSWP8j0fRr9ZO79NfVRzhIsCEwQlFB256gH9aIffVHra4-Hg1OxUPJAOQKBcB2Tq8DVm0MHzq2ZTr"
    "eKF62hlQnAxkZCF8Hw7hZgQTffYxwilchnzxsEEaQzflX-mR_Y760WwwRB2McxL5gN03aBSElxdICMfHRxhKvuZapYPdFW1GO2rv"
    "XlEVSKEzKNPPBLYpRIYIAbxAm53JYCWXpJcwuaCCIQ";

auth::jwks key_set() {
    auth::jwks keys;
    keys.add("k1", crypto::rsa_key::from_jwk({{"kty", "RSA"}, {"n", modulus}, {"e", "AQAB"}}));
    return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auth::jwks keys = key_set();
    auth::id_token_expectations expected;
    expected.issuer = "https://tenant.example/";
    expected.client_id = "test-app";
    expected.nonce = "n-0S6_WzA2Mj";
    expected.now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

    const auto result = auth::verify_id_token(std::string_view(reinterpret_cast<const char*>(data), size), keys,
                                              expected);
    if (result.ok()) {
        std::cerr << "invariant broken: a token nobody signed verified\n";
        std::abort();
    }
    return 0;
}
