// Fault injection for tests (admin endpoint, --admin only): per endpoint, for
// the next N requests, add latency, answer a forced status, drop the
// connection, or send a malformed JSON body.
//
//   POST /admin/faults {"endpoint": "users_get|users_patch|token|authorize|
//                        userinfo|jwks|discovery|logout|*",
//                       "kind": "latency|status|drop|malformed",
//                       "latency_ms": 500, "status": 503, "retry_after_s": 2,
//                       "count": 3}
//
// count defaults to 1; 0 means "until cleared". A request uses the first
// matching fault that still has uses left; latency delays the request, which
// then runs normally.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace profiledesk::localtenant {

enum class fault_kind { latency, status, drop, malformed };

struct fault {
    std::string endpoint = "*";
    fault_kind kind = fault_kind::status;
    int latency_ms = 0;
    int status = 500;
    int retry_after_s = 1;  // for status 429: x-ratelimit-reset = now + this
    int count = 1;          // uses left; 0: unlimited

    nlohmann::json to_json() const;
};

// The endpoint names faults and stats use.
const std::vector<std::string>& fault_endpoints();

// A fault from the admin API's JSON, or a message saying what is wrong.
std::variant<fault, std::string> parse_fault(const nlohmann::json& j);

class fault_table {
public:
    void add(fault f);
    void clear();
    // The fault for this request, if any, using one of its uses.
    std::optional<fault> take(const std::string& endpoint);
    nlohmann::json to_json();

private:
    std::mutex mutex_;
    std::vector<fault> faults_;
};

// Requests seen per endpoint (GET /admin/stats), token requests per grant,
// and the Management API requests refused by the rate limit (429s: how many
// clients together overran it).
class request_stats {
public:
    void count(const std::string& endpoint);
    void count_grant(const std::string& grant_type);
    void count_rate_limited();
    nlohmann::json to_json();
    void reset();

private:
    std::mutex mutex_;
    std::map<std::string, std::uint64_t> requests_;
    std::map<std::string, std::uint64_t> grants_;
    std::uint64_t rate_limited_ = 0;
};

}  // namespace profiledesk::localtenant
