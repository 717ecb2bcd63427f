#include "localtenant/tokens.hpp"

#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "profiledesk/core/base64.hpp"

namespace profiledesk::localtenant {

using nlohmann::json;

std::string sign_token(const signing_keys& keys, const json& claims) {
    return crypto::sign_jwt_rs256(claims, keys.current().rsa, keys.current().kid);
}

json m2m_token_claims(const std::string& issuer, const std::string& client_id, const std::string& scope,
                      std::int64_t ttl, std::int64_t now) {
    return {{"iss", issuer},
            {"sub", client_id + "@clients"},
            {"aud", issuer + "api/v2/"},
            {"iat", now},
            {"exp", now + ttl},
            {"azp", client_id},
            {"scope", scope},
            {"gty", "client-credentials"}};
}

json user_access_token_claims(const std::string& issuer, const std::string& client_id, const std::string& user_id,
                              const std::string& scope, bool management_audience, std::int64_t now) {
    json aud = json::array();
    if (management_audience) aud.push_back(issuer + "api/v2/");
    aud.push_back(issuer + "userinfo");
    return {{"iss", issuer},    {"sub", user_id}, {"aud", aud}, {"iat", now}, {"exp", now + user_access_token_ttl},
            {"azp", client_id}, {"scope", scope}};
}

namespace {

void copy_claims(const json& user, const std::set<std::string>& scopes, json& out) {
    if (scopes.count("profile")) {
        for (const char* k :
             {"name", "family_name", "given_name", "middle_name", "nickname", "picture", "updated_at"}) {
            if (user.contains(k)) out[k] = user.at(k);
        }
    }
    if (scopes.count("email")) {
        for (const char* k : {"email", "email_verified"}) {
            if (user.contains(k)) out[k] = user.at(k);
        }
    }
}

}  // namespace

json id_token_claims(const id_token_input& in, const json& user) {
    json c = {{"iss", in.issuer}, {"sub", user.at("user_id")},    {"aud", in.client_id},
              {"iat", in.now},    {"exp", in.now + id_token_ttl}, {"auth_time", in.auth_time},
              {"sid", in.sid}};
    if (!in.nonce.empty()) c["nonce"] = in.nonce;
    if (!in.access_token.empty()) {
        // OIDC Core 3.1.3.6: base64url of the left half of SHA-256(access_token).
        c["at_hash"] = core::base64url_encode(crypto::sha256(in.access_token).substr(0, 16));
    }
    // updated_at stays the ISO string Auth0 stores: /userinfo sends it so
    // (GOREC); that ID tokens do the same is UNCONFIRMED but likely.
    copy_claims(user, split_scope(in.scope), c);
    return c;
}

json userinfo_claims(const json& user, const std::string& scope) {
    json c = {{"sub", user.at("user_id")}};
    copy_claims(user, split_scope(scope), c);
    return c;
}

std::variant<json, std::string> verify_token(std::string_view token, const signing_keys& keys,
                                             const std::string& issuer, std::int64_t now, bool check_expiry) {
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        return std::string("not a compact JWS");
    }
    const auto header_text = core::base64url_decode(token.substr(0, dot1));
    const auto payload_text = core::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    const auto signature = core::base64url_decode(token.substr(dot2 + 1));
    if (!header_text || !payload_text || !signature) return std::string("bad base64url");
    const auto header = json::parse(*header_text, nullptr, false);
    if (!header.is_object()) return std::string("header is not a JSON object");
    // Only RS256 and only our own keys: no "none", no HS256 with the public
    // key, no keys named by the token (jku, x5u, jwk are ignored).
    if (header.value("alg", "") != "RS256") return std::string("alg is not RS256");
    const auto kid = header.value("kid", "");
    const auto* key = keys.find(kid);
    if (!key) return std::string("unknown kid");
    if (!key->rsa.verify_rs256(token.substr(0, dot2), *signature)) return std::string("bad signature");
    auto claims = json::parse(*payload_text, nullptr, false);
    if (!claims.is_object()) return std::string("payload is not a JSON object");
    if (claims.value("iss", "") != issuer) return std::string("wrong issuer");
    const auto exp = claims.find("exp");
    if (exp == claims.end() || !exp->is_number()) return std::string("no exp");
    if (check_expiry && exp->get<double>() <= static_cast<double>(now)) return std::string("expired");
    return claims;
}

bool has_audience(const json& claims, const std::string& audience) {
    const auto aud = claims.find("aud");
    if (aud == claims.end()) return false;
    if (aud->is_string()) return aud->get<std::string>() == audience;
    if (aud->is_array()) {
        for (const auto& a : *aud) {
            if (a.is_string() && a.get<std::string>() == audience) return true;
        }
    }
    return false;
}

std::set<std::string> split_scope(std::string_view scope) {
    std::set<std::string> out;
    while (!scope.empty()) {
        const auto space = scope.find(' ');
        if (space != 0) out.emplace(scope.substr(0, space));
        if (space == std::string_view::npos) break;
        scope.remove_prefix(space + 1);
    }
    return out;
}

std::set<std::string> scopes_of(const json& claims) {
    const auto it = claims.find("scope");
    if (it == claims.end() || !it->is_string()) return {};
    return split_scope(it->get<std::string>());
}

}  // namespace profiledesk::localtenant
