// What GET /readyz answers: whether this instance can serve sign-ins and
// profiles now, and, per dependency, why not. A load balancer takes an
// instance out of rotation while it answers 503.
#pragma once

#include "auth/oidc_client.hpp"
#include "http/types.hpp"
#include "mgmt/users_client.hpp"
#include "redis/client.hpp"

#include <nlohmann/json.hpp>

#include <memory>

#include <optional>
#include <string>

namespace profiledesk::api {

// The shared-state store's connection (redis::client::connected() and
// last_error()), when SESSION_STORE is Redis.
struct redis_state {
    bool connected = false;
    std::string last_error;  // why not, for the operator (never a password or a key's value)
};

// The Management API's M2M token: usable now, or the error of the last try.
struct token_state {
    bool obtainable = true;
    std::string detail;  // "fresh", "not fetched yet", or the error's name (mgmt_error)
};

struct readiness {
    bool ready = false;  // 200 when true, else 503
    nlohmann::json body;
};

// Ready when the provider was discovered, the M2M token is obtainable and,
// with Redis configured, Redis is connected.
readiness check_readiness(bool provider_discovered, const std::optional<redis_state>& redis,
                          const token_state& token = {});

// GET /readyz. The token is judged by what the last fetch did, so a probe
// costs no upstream call; only after a failed fetch does the probe try again
// (within 2 s, at most every 10 s), since an instance out of rotation gets
// no request that would fetch one, and would otherwise never come back.
http::handler readiness_route(std::shared_ptr<auth::oidc_client> oidc, std::shared_ptr<mgmt::users_client> users,
                              std::shared_ptr<redis::client> redis);

}  // namespace profiledesk::api
