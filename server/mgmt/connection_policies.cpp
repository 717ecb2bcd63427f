#include "mgmt/connection_policies.hpp"

#include "http/url.hpp"
#include "log/log.hpp"

#include "profiledesk/core/connection_password_policy.hpp"

namespace profiledesk::mgmt {

std::string connections_url(const mgmt_settings& s, std::string_view name) {
    return issuer_base(s) + "/api/v2/connections?name=" + http::percent_encode(name) + "&fields=name,options";
}

std::optional<core::password_policy> policy_from_connections(const nlohmann::json& answer, std::string_view name) {
    if (!answer.is_array()) return std::nullopt;
    for (const auto& c : answer) {
        if (!c.is_object()) continue;
        const auto n = c.find("name");
        if (n == c.end() || !n->is_string() || *n != name) continue;
        const auto options = c.find("options");
        return core::password_policy_from_options(options == c.end() ? nlohmann::json::object() : *options);
    }
    return std::nullopt;
}

connection_policies::connection_policies(std::shared_ptr<users_client> users,
                                         std::shared_ptr<upstream::http_client> http, mgmt_settings settings,
                                         std::chrono::seconds ttl, std::chrono::seconds failure_ttl)
    : users_(std::move(users)),
      http_(std::move(http)),
      settings_(std::move(settings)),
      ttl_(ttl),
      failure_ttl_(failure_ttl) {}

core::password_policy connection_policies::peek(const std::string& connection) {
    const std::lock_guard lock(mutex_);
    const auto it = kept_.find(connection);
    return it != kept_.end() && it->second.expires > clock::now() ? it->second.policy : core::password_policy{};
}

void connection_policies::keep(const std::string& connection, const core::password_policy& policy,
                               std::chrono::seconds for_how_long) {
    const std::lock_guard lock(mutex_);
    kept_[connection] = {policy, clock::now() + for_how_long};
}

void connection_policies::get(const std::string& connection, clock::time_point deadline, const log::request_id& request,
                              callback done) {
    {
        const std::lock_guard lock(mutex_);
        const auto it = kept_.find(connection);
        if (it != kept_.end() && it->second.expires > clock::now()) return done(it->second.policy);
    }
    // Two requests at once may both read it: rare (once per ttl), and harmless.
    auto self = shared_from_this();
    const auto give_up = [self, connection, request, done](const char* why) {
        log::warn(request, "password policy: not read from the tenant, using the default", {{"why", log::text(why)}});
        const core::password_policy fallback;
        self->keep(connection, fallback, self->failure_ttl_);
        done(fallback);
    };
    users_->tokens().get_token(deadline, request, [self, connection, deadline, done, give_up](token_result t) {
        if (!t.ok()) return give_up("token");
        upstream::client_request req;
        req.url = connections_url(self->settings_, connection);
        req.headers.emplace_back("Authorization", "Bearer " + t.access_token);
        self->http_->send(
            std::move(req), deadline,
            [self, connection, done, give_up](boost::system::error_code ec, upstream::client_response res) {
                if (ec) return give_up("network");
                if (res.status != 200) return give_up(res.status == 403 ? "forbidden" : "status");
                const auto policy = policy_from_connections(nlohmann::json::parse(res.body, nullptr, false),
                                                            connection);
                if (!policy) return give_up("answer");
                self->keep(connection, *policy, self->ttl_);
                done(*policy);
            });
    });
}

}  // namespace profiledesk::mgmt
