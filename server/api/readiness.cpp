#include "api/readiness.hpp"

namespace profiledesk::api {

namespace {
// A reason is one line for a person; the client's messages are short, and
// anything longer is cut rather than sent whole on a public route.
constexpr std::size_t max_reason = 200;
}  // namespace

readiness check_readiness(bool provider_discovered, const std::optional<redis_state>& redis) {
    readiness r;
    r.ready = provider_discovered;
    r.body = {{"provider", provider_discovered ? "discovered" : "unreachable"}};
    if (redis) {
        nlohmann::json store = {{"connected", redis->connected}};
        if (!redis->connected) {
            store["error"] = redis->last_error.empty() ? "not connected yet" : redis->last_error.substr(0, max_reason);
        }
        r.body["redis"] = std::move(store);
        r.ready = r.ready && redis->connected;
    }
    r.body["ready"] = r.ready;
    return r;
}

}  // namespace profiledesk::api
