#include "profiledesk/core/account_view.hpp"

#include "profiledesk/core/json_members.hpp"

namespace profiledesk::core {

namespace {

using nlohmann::json;

constexpr const char* email_change_key = "emailChange";
constexpr const char* password_change_key = "passwordChange";
constexpr const char* deletion_key = "deletion";
constexpr const char* recent_key = "recentSignInFor";
constexpr const char* policy_key = "passwordPolicy";
constexpr const char* level_key = "level";
constexpr const char* min_length_key = "minLength";
constexpr const char* pending_key = "pendingEmail";
constexpr const char* address_key = "address";
constexpr const char* expires_key = "expiresAt";

std::optional<std::int64_t> integer_member(const json& j, const char* key) {
    if (!j.is_object()) return std::nullopt;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

}  // namespace

json account_view_to_json(const account_view& v) {
    json policy = {{level_key, std::string(password_level_name(v.policy.level))}};
    if (v.policy.min_length) policy[min_length_key] = *v.policy.min_length;
    json j = {{email_change_key, v.email_change},
              {password_change_key, v.password_change},
              {deletion_key, v.deletion},
              {recent_key, v.recent_sign_in_for},
              {policy_key, policy}};
    if (v.pending_email) {
        j[pending_key] = {{address_key, v.pending_email->address}, {expires_key, v.pending_email->expires_at}};
    }
    return j;
}

account_view account_view_from_json(const json& j) {
    account_view v;
    if (!j.is_object()) return v;
    v.email_change = bool_member(j, email_change_key);
    v.password_change = bool_member(j, password_change_key);
    v.deletion = bool_member(j, deletion_key);
    v.recent_sign_in_for = std::max<std::int64_t>(0, integer_member(j, recent_key).value_or(0));
    const auto policy = j.find(policy_key);
    if (policy != j.end() && policy->is_object()) {
        if (auto level = parse_password_level(string_member(*policy, level_key))) v.policy.level = *level;
        const auto min = integer_member(*policy, min_length_key);
        if (min && *min > 0) v.policy.min_length = static_cast<std::size_t>(*min);
    }
    const auto pending = j.find(pending_key);
    if (pending != j.end() && pending->is_object() && !string_member(*pending, address_key).empty()) {
        v.pending_email = pending_email_view{string_member(*pending, address_key),
                                             integer_member(*pending, expires_key).value_or(0)};
    }
    return v;
}

}  // namespace profiledesk::core
