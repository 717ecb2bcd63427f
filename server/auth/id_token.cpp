#include "auth/id_token.hpp"

#include "crypto/digest.hpp"
#include "profiledesk/core/base64.hpp"

#include <cmath>

namespace profiledesk::auth {
namespace {

using nlohmann::json;

// Far above any real ID token (Auth0's are a few KB); bounds the work an
// attacker can make us do before the signature check.
constexpr std::size_t max_token_size = 64 * 1024;

id_token_result fail(id_token_error error, std::string message) { return {nullptr, error, std::move(message)}; }

std::optional<json> parse_object(const std::string& text) {
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!value.is_object()) return std::nullopt;  // a parse error gives a "discarded" value
    return value;
}

// Equality with a configured value. An empty expectation is a caller bug and
// must never accept (a token with "iss":"" would otherwise match).
bool matches(const json& value, const std::string& expected) {
    return !expected.empty() && value.is_string() && value.get_ref<const std::string&>() == expected;
}

// A NumericDate (RFC 7519 section 2): a finite JSON number of seconds.
std::optional<double> numeric_date(const json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) return std::nullopt;
    const double value = it->get<double>();
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

const char* to_string(id_token_error error) {
    switch (error) {
        case id_token_error::malformed: return "malformed";
        case id_token_error::unsupported_alg: return "unsupported_alg";
        case id_token_error::unknown_kid: return "unknown_kid";
        case id_token_error::bad_signature: return "bad_signature";
        case id_token_error::wrong_issuer: return "wrong_issuer";
        case id_token_error::wrong_audience: return "wrong_audience";
        case id_token_error::missing_azp: return "missing_azp";
        case id_token_error::wrong_azp: return "wrong_azp";
        case id_token_error::expired: return "expired";
        case id_token_error::issued_in_future: return "issued_in_future";
        case id_token_error::not_yet_valid: return "not_yet_valid";
        case id_token_error::missing_sub: return "missing_sub";
        case id_token_error::wrong_nonce: return "wrong_nonce";
        case id_token_error::missing_claim: return "missing_claim";
    }
    return "unknown";
}

id_token_result verify_id_token(std::string_view token, const jwks& keys, const id_token_expectations& expected) {
    using E = id_token_error;

    // 1. Three base64url parts: header.payload.signature.
    if (token.size() > max_token_size) return fail(E::malformed, "token too large");
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        return fail(E::malformed, "token does not have three parts");
    }
    const std::string_view signing_input = token.substr(0, dot2);
    const auto header_bytes = core::base64url_decode(token.substr(0, dot1));
    const auto payload_bytes = core::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    const auto signature = core::base64url_decode(token.substr(dot2 + 1));
    if (!header_bytes || !payload_bytes || !signature) return fail(E::malformed, "token part is not base64url");

    // 2. Header. "crit" names extensions we would have to understand (RFC 7515 4.1.11).
    const auto header = parse_object(*header_bytes);
    if (!header) return fail(E::malformed, "header is not a JSON object");
    if (header->contains("crit")) return fail(E::malformed, "header has crit extensions");

    // 3. The algorithm is pinned, and checked before any key is looked at:
    // trusting the header's alg is how "none" and HS256-with-the-public-key
    // forgeries get through.
    const auto alg = header->find("alg");
    if (alg == header->end() || *alg != "RS256") return fail(E::unsupported_alg, "alg is not RS256");

    // 4. The key. Only our JWKS counts; jku, x5u and jwk headers are ignored.
    // Without a kid, only a set of one key says which key it is (OIDC Core 10.1).
    const auto kid = header->find("kid");
    const crypto::rsa_key* key = nullptr;
    if (kid == header->end()) {
        key = keys.only_key();
        if (key == nullptr) return fail(E::unknown_kid, "header has no kid and the JWKS holds several keys (or none)");
    } else {
        if (!kid->is_string()) return fail(E::malformed, "kid is not a string");
        key = keys.find(kid->get_ref<const std::string&>());
        if (key == nullptr) return fail(E::unknown_kid, "no key with this kid in the JWKS");
    }

    // 5. Signature, over the ASCII header.payload exactly as received.
    if (!key->verify_rs256(signing_input, *signature)) return fail(E::bad_signature, "signature does not verify");

    // 6. Claims.
    const auto claims_opt = parse_object(*payload_bytes);
    if (!claims_opt) return fail(E::malformed, "claims are not a JSON object");
    const json& claims = *claims_opt;

    const auto iss = claims.find("iss");
    if (iss == claims.end() || !iss->is_string()) return fail(E::missing_claim, "iss is missing or not a string");
    if (!matches(*iss, expected.issuer)) return fail(E::wrong_issuer, "iss is not the configured issuer");

    const auto aud = claims.find("aud");
    if (aud == claims.end() || !(aud->is_string() || aud->is_array())) {
        return fail(E::missing_claim, "aud is missing or not a string or array");
    }
    bool for_us = false;
    if (aud->is_string()) {
        for_us = matches(*aud, expected.client_id);
    } else {
        for (const auto& entry : *aud) for_us = for_us || matches(entry, expected.client_id);
    }
    if (!for_us) return fail(E::wrong_audience, "aud does not contain our client_id");

    // azp names the party the token was issued to. Required when several
    // audiences share the token; checked whenever present (OIDC Core 3.1.3.7).
    const auto azp = claims.find("azp");
    if (azp == claims.end()) {
        if (aud->is_array() && aud->size() > 1) return fail(E::missing_azp, "several audiences and no azp");
    } else if (!matches(*azp, expected.client_id)) {
        return fail(E::wrong_azp, "azp is not our client_id");
    }

    const double now = std::chrono::duration<double>(expected.now.time_since_epoch()).count();
    const double skew = static_cast<double>(expected.max_skew.count());

    const auto exp = numeric_date(claims, "exp");
    if (!exp) return fail(E::missing_claim, "exp is missing or not a number");
    if (now > *exp + skew) return fail(E::expired, "token expired");

    const auto iat = numeric_date(claims, "iat");
    if (!iat) return fail(E::missing_claim, "iat is missing or not a number");
    if (*iat > now + skew) return fail(E::issued_in_future, "iat is in the future");

    if (claims.contains("nbf")) {
        const auto nbf = numeric_date(claims, "nbf");
        if (!nbf) return fail(E::missing_claim, "nbf is not a number");
        if (*nbf > now + skew) return fail(E::not_yet_valid, "nbf is in the future");
    }

    const auto sub = claims.find("sub");
    if (sub == claims.end() || !sub->is_string() || sub->get_ref<const std::string&>().empty()) {
        return fail(E::missing_sub, "sub is missing, empty or not a string");
    }

    // The nonce binds the token to this browser's login attempt; compared in
    // constant time like any other secret.
    const auto nonce = claims.find("nonce");
    if (nonce == claims.end() || !nonce->is_string()) return fail(E::missing_claim, "nonce is missing or not a string");
    if (expected.nonce.empty() || !crypto::constant_time_equal(nonce->get_ref<const std::string&>(), expected.nonce)) {
        return fail(E::wrong_nonce, "nonce does not match this login");
    }

    return {claims, std::nullopt, "ok"};
}

}  // namespace profiledesk::auth
