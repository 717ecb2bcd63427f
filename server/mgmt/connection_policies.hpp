// The password policy of a database connection, read from the tenant:
//
//   GET {issuer}/api/v2/connections?name=<name>&fields=name,options   (scope read:connections)
//
// with the users client's M2M token, and kept for `ttl` (10 minutes: a
// policy changes rarely, and each read spends the tenant's rate limit). When
// it cannot be read (no read:connections scope, the tenant down, an answer we
// cannot use), the answer is core's default ("good") for `failure_ttl`: the
// tenant checks every new password itself anyway, so a stricter policy is
// still enforced there. Thread-safe.
#pragma once

#include "mgmt/settings.hpp"
#include "mgmt/users_client.hpp"
#include "upstream/http_client.hpp"

#include "profiledesk/core/password_policy.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::mgmt {

// {issuer}/api/v2/connections?name=<percent-encoded name>&fields=name,options
std::string connections_url(const mgmt_settings& s, std::string_view name);

// The policy in a GET /api/v2/connections answer (an array) for `name`;
// nullopt when the answer holds no such connection.
std::optional<core::password_policy> policy_from_connections(const nlohmann::json& answer, std::string_view name);

class connection_policies : public std::enable_shared_from_this<connection_policies> {
public:
    using clock = std::chrono::steady_clock;
    using callback = std::function<void(core::password_policy)>;

    connection_policies(std::shared_ptr<users_client> users, std::shared_ptr<upstream::http_client> http,
                        mgmt_settings settings, std::chrono::seconds ttl = std::chrono::minutes(10),
                        std::chrono::seconds failure_ttl = std::chrono::seconds(30));

    // The policy of `connection`: inline, inside the call, when it is known;
    // else once read (or given up), on an I/O thread, by `deadline`.
    void get(const std::string& connection, clock::time_point deadline, const log::request_id& request, callback done);

    // What is known now, without a call: the kept policy, or core's default.
    core::password_policy peek(const std::string& connection);

private:
    void keep(const std::string& connection, const core::password_policy& policy, std::chrono::seconds for_how_long);

    std::shared_ptr<users_client> users_;
    std::shared_ptr<upstream::http_client> http_;
    const mgmt_settings settings_;
    const std::chrono::seconds ttl_, failure_ttl_;

    struct entry {
        core::password_policy policy;
        clock::time_point expires;
    };
    std::mutex mutex_;
    std::map<std::string, entry> kept_;  // one per connection name: a tenant has a handful
};

}  // namespace profiledesk::mgmt
