// Names of the keys Profile Desk keeps in Redis. Every key starts with
// KEY_PREFIX (default "profiledesk:"), so one Redis can serve several
// deployments. A user's keys carry a hash tag, {u:<digest of sub>}, so that
// every key of one user lands in one Redis Cluster slot and a script may
// touch several of them. The user id is digested, not written out: keys are
// listed by operators' tools, and a digest has no odd characters.
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::redis {

class key_space {
public:
    explicit key_space(std::string prefix = "profiledesk:") : prefix_(std::move(prefix)) {}

    // prefix + "{u:<32 hex digits of SHA-256(sub)>}:" + what, e.g. "profiledesk:{u:1f0c...}:sessions".
    std::string user(std::string_view sub, std::string_view what) const;
    // prefix + what, for keys that belong to no user ("mgmt:token", "budget:login:<client>").
    std::string global(std::string_view what) const;
    // The 64 hex digits of SHA-256(secret_or_id): how session ids and other
    // bearer values appear in key names (never the value itself).
    static std::string digest(std::string_view value);

    const std::string& prefix() const { return prefix_; }

private:
    std::string prefix_;
};

}  // namespace profiledesk::redis
