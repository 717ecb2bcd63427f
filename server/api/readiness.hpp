// What GET /readyz answers: whether this instance can serve sign-ins and
// profiles now, and, per dependency, why not. A load balancer takes an
// instance out of rotation while it answers 503.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace profiledesk::api {

// The shared-state store's connection (redis::client::connected() and
// last_error()), when SESSION_STORE is Redis.
struct redis_state {
    bool connected = false;
    std::string last_error;  // why not, for the operator (never a password or a key's value)
};

struct readiness {
    bool ready = false;  // 200 when true, else 503
    nlohmann::json body;
};

// Ready when the provider was discovered and, with Redis configured, Redis is connected.
readiness check_readiness(bool provider_discovered, const std::optional<redis_state>& redis);

}  // namespace profiledesk::api
