#include "api/readiness.hpp"

#include "http/responses.hpp"

#include <atomic>
#include <chrono>

namespace profiledesk::api {

namespace {
// A reason is one line for a person; the client's messages are short, and
// anything longer is cut rather than sent whole on a public route.
constexpr std::size_t max_reason = 200;
}  // namespace

readiness check_readiness(bool provider_discovered, const std::optional<redis_state>& redis, const token_state& token) {
    readiness r;
    r.ready = provider_discovered && token.obtainable;
    r.body = {{"provider", provider_discovered ? "discovered" : "unreachable"},
              {"mgmt_token", {{"obtainable", token.obtainable}, {"detail", token.detail}}}};
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

http::handler readiness_route(std::shared_ptr<auth::oidc_client> oidc, std::shared_ptr<mgmt::users_client> users,
                              std::shared_ptr<redis::client> redis) {
    // A failed fetch is tried again at most this often, however often the
    // balancer probes: a tenant refusing our credentials is not asked every second.
    constexpr auto retry_every = std::chrono::seconds(10);
    auto last_retry = std::make_shared<std::atomic<mgmt::token_provider::clock::rep>>(0);
    return [oidc, users, redis, last_retry, retry_every](http::request&& req, http::responder respond) {
        const auto report = [oidc, redis, respond, version = req.version()](token_state token) {
            std::optional<redis_state> store;
            if (redis) store = redis_state{redis->connected(), redis->last_error()};
            const auto r = check_readiness(oidc->metadata() != nullptr, store, token);
            respond(http::json_response(r.ready ? http::beast_http::status::ok
                                                : http::beast_http::status::service_unavailable,
                                        r.body, version));
        };
        auto& tokens = users->tokens();
        const auto failed = tokens.last_fetch_error();
        if (failed == mgmt::mgmt_error::none) {
            return report({true, tokens.has_fresh_token() ? "fresh" : "not fetched yet"});
        }
        const auto now = mgmt::token_provider::clock::now();
        auto last = last_retry->load();
        const auto due = now.time_since_epoch().count() - last >=
                         std::chrono::duration_cast<mgmt::token_provider::clock::duration>(retry_every).count();
        if (!due || !last_retry->compare_exchange_strong(last, now.time_since_epoch().count())) {
            return report({false, std::string(mgmt::to_string(failed))});
        }
        tokens.get_token(now + std::chrono::seconds(2), [report](mgmt::token_result t) {
            report({t.ok(), t.ok() ? "fresh" : std::string(mgmt::to_string(t.error))});
        });
    };
}

}  // namespace profiledesk::api
