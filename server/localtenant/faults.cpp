#include "localtenant/faults.hpp"

#include <algorithm>

namespace profiledesk::localtenant {

using nlohmann::json;

namespace {

const char* kind_name(fault_kind k) {
    switch (k) {
        case fault_kind::latency: return "latency";
        case fault_kind::status: return "status";
        case fault_kind::drop: return "drop";
        case fault_kind::malformed: return "malformed";
    }
    return "?";
}

}  // namespace

const std::vector<std::string>& fault_endpoints() {
    static const std::vector<std::string> names = {"users_get", "users_patch", "users_delete",  "token",
                                                   "authorize", "login",       "userinfo",      "jwks",
                                                   "discovery", "logout",      "users_by_email"};
    return names;
}

json fault::to_json() const {
    json j = {{"endpoint", endpoint}, {"kind", kind_name(kind)}, {"count", count}};
    if (kind == fault_kind::latency) j["latency_ms"] = latency_ms;
    if (kind == fault_kind::status) {
        j["status"] = status;
        if (status == 429) j["retry_after_s"] = retry_after_s;
    }
    return j;
}

std::variant<fault, std::string> parse_fault(const json& j) {
    if (!j.is_object()) return std::string("the body must be a JSON object");
    fault f;
    const auto integer = [&](const char* key, int min, int max, int& out) -> std::optional<std::string> {
        const auto it = j.find(key);
        if (it == j.end()) return std::nullopt;
        if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max) {
            return std::string(key) + " must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max);
        }
        out = it->get<int>();
        return std::nullopt;
    };
    if (const auto it = j.find("endpoint"); it != j.end()) {
        if (!it->is_string()) return std::string("endpoint must be a string");
        f.endpoint = it->get<std::string>();
    }
    const auto& names = fault_endpoints();
    if (f.endpoint != "*" && std::find(names.begin(), names.end(), f.endpoint) == names.end()) {
        std::string list;
        for (const auto& n : names) list += n + ", ";
        return "endpoint must be one of " + list + "or *";
    }
    const auto kind = j.find("kind");
    if (kind == j.end() || !kind->is_string()) {
        return std::string("kind is required: latency, status, drop or malformed");
    }
    const auto k = kind->get<std::string>();
    if (k == "latency") f.kind = fault_kind::latency;
    else if (k == "status") f.kind = fault_kind::status;
    else if (k == "drop") f.kind = fault_kind::drop;
    else if (k == "malformed") f.kind = fault_kind::malformed;
    else return "kind must be latency, status, drop or malformed (got '" + k + "')";
    if (auto e = integer("latency_ms", 0, 120000, f.latency_ms)) return *e;
    if (auto e = integer("status", 400, 599, f.status)) return *e;
    if (auto e = integer("retry_after_s", 0, 3600, f.retry_after_s)) return *e;
    if (auto e = integer("count", 0, 1000000, f.count)) return *e;
    if (f.kind == fault_kind::latency && !j.contains("latency_ms")) {
        return std::string("latency_ms is required for latency");
    }
    if (f.kind == fault_kind::status && !j.contains("status")) return std::string("status is required for status");
    return f;
}

void fault_table::add(fault f) {
    const std::lock_guard lock(mutex_);
    faults_.push_back(std::move(f));
}

void fault_table::clear() {
    const std::lock_guard lock(mutex_);
    faults_.clear();
}

std::optional<fault> fault_table::take(const std::string& endpoint) {
    const std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (it->endpoint != "*" && it->endpoint != endpoint) continue;
        fault f = *it;
        if (it->count > 0 && --it->count == 0) faults_.erase(it);
        return f;
    }
    return std::nullopt;
}

json fault_table::to_json() {
    const std::lock_guard lock(mutex_);
    json out = json::array();
    for (const auto& f : faults_) out.push_back(f.to_json());
    return out;
}

void request_stats::count(const std::string& endpoint) {
    const std::lock_guard lock(mutex_);
    ++requests_[endpoint];
}

void request_stats::count_grant(const std::string& grant_type) {
    const std::lock_guard lock(mutex_);
    ++grants_[grant_type];
}

void request_stats::count_rate_limited() {
    const std::lock_guard lock(mutex_);
    ++rate_limited_;
}

json request_stats::to_json() {
    const std::lock_guard lock(mutex_);
    json requests = json::object();
    for (const auto& name : fault_endpoints()) requests[name] = 0;
    for (const auto& [name, n] : requests_) requests[name] = n;
    return {{"requests", requests}, {"token_grants", grants_}, {"rate_limited", rate_limited_}};
}

void request_stats::reset() {
    const std::lock_guard lock(mutex_);
    requests_.clear();
    grants_.clear();
    rate_limited_ = 0;
}

}  // namespace profiledesk::localtenant
