#include "profiledesk/core/profile.hpp"

#include "profiledesk/core/root_attributes.hpp"

namespace profiledesk::core {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& id, const std::string& what) {
    throw invalid_profile("[profile." + id + "] " + what);
}

// A root attribute: absent or null -> nullopt; a string -> its value; else an error.
std::optional<std::string> optional_string(const json& j, std::string_view key) {
    const auto it = j.find(std::string(key));
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) fail("type", "'" + std::string(key) + "' must be a string");
    return it->get<std::string>();
}

identity identity_from_json(const json& j) {
    if (!j.is_object()) fail("identity", "each identity must be an object");
    identity id;
    id.provider = optional_string(j, "provider").value_or("");
    id.connection = optional_string(j, "connection").value_or("");
    // Auth0 sends identities[].user_id as a string, but as a number for a few
    // legacy social providers; keep it as text either way.
    if (const auto it = j.find("user_id"); it != j.end()) {
        id.user_id = it->is_string() ? it->get<std::string>() : it->dump();
    }
    if (const auto it = j.find("isSocial"); it != j.end() && it->is_boolean()) id.is_social = it->get<bool>();
    return id;
}

}  // namespace

profile profile_from_json(const json& j) {
    if (!j.is_object()) fail("not_object", "a user record must be a JSON object");
    profile p;
    auto user_id = optional_string(j, "user_id");
    if (!user_id || user_id->empty()) fail("user_id", "'user_id' is missing");
    p.user_id = std::move(*user_id);
    for (const auto& a : root_attributes) p.*a.member = optional_string(j, a.key);
    if (const auto it = j.find("email_verified"); it != j.end() && !it->is_null()) {
        if (!it->is_boolean()) fail("type", "'email_verified' must be a boolean");
        p.email_verified = it->get<bool>();
    }
    p.updated_at = optional_string(j, "updated_at").value_or("");
    if (const auto it = j.find("user_metadata"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) fail("type", "'user_metadata' must be an object");
        p.user_metadata = *it;
    }
    if (const auto it = j.find("identities"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) fail("type", "'identities' must be an array");
        for (const auto& i : *it) p.identities.push_back(identity_from_json(i));
    }
    return p;
}

json profile_to_json(const profile& p) {
    json j = json::object();
    j["user_id"] = p.user_id;
    for (const auto& a : root_attributes) {
        if (const auto& v = p.*a.member) j[std::string(a.key)] = *v;
    }
    if (p.email) j["email_verified"] = p.email_verified;
    if (!p.updated_at.empty()) j["updated_at"] = p.updated_at;
    j["user_metadata"] = p.user_metadata;
    json ids = json::array();
    for (const auto& i : p.identities) {
        ids.push_back({{"provider", i.provider},
                       {"connection", i.connection},
                       {"user_id", i.user_id},
                       {"isSocial", i.is_social}});
    }
    j["identities"] = std::move(ids);
    return j;
}

}  // namespace profiledesk::core
