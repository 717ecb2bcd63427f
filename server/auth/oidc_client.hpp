// The relying party's side of OpenID Connect (authorization code flow,
// confidential client): discovery, the authorization URL, the code exchange
// and ID token verification against the provider's JWKS.
#pragma once

#include "auth/id_token.hpp"
#include "auth/jwks_cache.hpp"
#include "log/log.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::auth {

struct oidc_settings {
    std::string issuer_base_url;  // ISSUER_BASE_URL, e.g. https://example.eu.auth0.com
    std::string client_id;
    std::string client_secret;
    std::string redirect_uri;  // BASE_URL + "/callback"
    std::string scope = "openid profile email";
    std::chrono::seconds upstream_timeout{10};
    // How long the provider's signing keys are trusted before a refetch
    // (Auth0 advises 5-10 minutes), and the least time between two fetches.
    std::chrono::seconds jwks_max_age{600};
    std::chrono::seconds jwks_refetch_cooldown{30};
};

// What discovery tells us (OpenID Connect Discovery 1.0, section 3).
struct provider_metadata {
    std::string issuer;  // exactly as the provider writes it: ID tokens must match it byte for byte
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
    std::string end_session_endpoint;  // empty when not advertised
};

// Checks a discovery document: required endpoints present and absolute
// http(s) URLs, and an issuer that is ISSUER_BASE_URL (with or without its
// trailing slash: Auth0 writes "https://host/"). Sets `problem` otherwise.
std::optional<provider_metadata> parse_discovery(const nlohmann::json& doc, const std::string& issuer_base_url,
                                                 std::string& problem);

// The end of a login: verified claims, or the check that failed.
struct login_result {
    bool ok = false;
    std::string failure;  // a stable code for the log line: "token_endpoint_error", "wrong_nonce", ...
    nlohmann::json claims;
};

class oidc_client : public std::enable_shared_from_this<oidc_client> {
public:
    oidc_client(boost::asio::io_context& ioc, std::shared_ptr<upstream::http_client> http, oidc_settings settings);

    // Fetches discovery and the JWKS, retrying with backoff until both work.
    void start();
    // Null until discovery succeeded.
    std::shared_ptr<const provider_metadata> metadata() const;

    // The /authorize URL for a login (state, nonce, PKCE S256 challenge);
    // `fresh`: prompt=login and max_age=0, the provider asks for credentials
    // even when it has a session.
    std::string authorization_url(const provider_metadata& m, const std::string& state, const std::string& nonce,
                                  const std::string& code_challenge, bool fresh = false) const;

    // Exchanges the code (with the PKCE verifier) and verifies the ID token.
    // `id`: the /callback request's, for the log lines on the way.
    void complete_login(std::string code, std::string code_verifier, std::string nonce, log::request_id id,
                        std::function<void(login_result)> done);

    // Where to send the browser to end the provider's session too.
    std::string logout_url(const provider_metadata& m, const std::string& return_to) const;

private:
    void discover(std::chrono::seconds retry_in);
    void fetch_jwks(std::function<void(bool)> done);
    void verify(std::string id_token, std::string nonce, bool may_refetch, log::request_id id,
                std::function<void(login_result)> done);

    boost::asio::io_context& ioc_;
    std::shared_ptr<upstream::http_client> http_;
    const oidc_settings settings_;
    boost::asio::steady_timer retry_timer_;
    mutable std::mutex mutex_;
    std::shared_ptr<const provider_metadata> metadata_;
    jwks_cache jwks_;
};

}  // namespace profiledesk::auth
