#include "profiledesk/core/profile_view.hpp"

#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/schema_to_json.hpp"

namespace profiledesk::core {
namespace {

using nlohmann::json;

}  // namespace

json profile_view_to_json(const profile_view& view) {
    json user = {{"user_id", view.user.user_id}, {"email_verified", view.user.email_verified}};
    for (const auto& a : root_attributes) {
        const auto& value = view.user.*a.member;
        user[std::string(a.key)] = value ? json(*value) : json(nullptr);
    }
    json fields = json::array();
    for (const auto& f : view.fields) {
        json entry = {{"id", f.id}, {"label", f.label}, {"editable", f.editable}};
        if (!f.editable) {
            entry["reason"] = f.reason;
            entry["reasonCode"] = f.reason_code;
        }
        fields.push_back(std::move(entry));
    }
    const auto& id = view.identity;
    return {
        {"version", view.version},
        {"user", std::move(user)},
        {"user_metadata", view.user_metadata},
        {"identity",
         {{"provider", id.provider},
          {"connection", id.connection},
          {"social", id.social},
          {"label", id.label},
          {"managesRootAttributes", id.manages_root_attributes}}},
        {"fields", std::move(fields)},
        {"schema", schema_to_json(view.schema)},
        {"account", account_view_to_json(view.account)},
    };
}

std::optional<profile_view> profile_view_from_json(const json& j, pattern_compiler compile, std::string& problem) {
    if (!j.is_object() || !j.contains("user") || !j.contains("schema")) {
        problem = "The server's answer is not a profile.";
        return std::nullopt;
    }
    auto parsed = parse_schema(j["schema"], std::move(compile));
    if (!parsed.ok()) {
        problem = "The server sent a field schema this app cannot read: " + parsed.errors.front();
        return std::nullopt;
    }
    profile_view view;
    view.version = string_member(j, "version");
    view.schema = std::move(*parsed.schema);
    const json& user = j["user"];
    view.user.user_id = string_member(user, "user_id");
    view.user.email_verified = bool_member(user, "email_verified");
    for (const auto& a : root_attributes) view.user.*a.member = optional_string_member(user, a.key);
    if (const auto it = j.find("user_metadata"); it != j.end() && it->is_object()) view.user_metadata = *it;
    if (const auto it = j.find("identity"); it != j.end()) {
        view.identity = {string_member(*it, "provider"), string_member(*it, "connection"), bool_member(*it, "social"),
                         string_member(*it, "label"), bool_member(*it, "managesRootAttributes")};
    }
    if (const auto it = j.find("fields"); it != j.end() && it->is_array()) {
        for (const auto& f : *it) {
            if (!f.is_object()) continue;
            view.fields.push_back({string_member(f, "id"), string_member(f, "label"), bool_member(f, "editable"),
                                   string_member(f, "reason"), string_member(f, "reasonCode")});
        }
    }
    if (const auto it = j.find("account"); it != j.end()) view.account = account_view_from_json(*it);
    return view;
}

}  // namespace profiledesk::core
