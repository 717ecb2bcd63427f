#include "api/profile_view.hpp"

#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/schema_to_json.hpp"

#include <array>
#include <utility>

namespace profiledesk::api {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> root_fields = {{
    {"name", "Full name"},
    {"nickname", "Nickname"},
    {"given_name", "First name"},
    {"family_name", "Last name"},
    {"picture", "Picture URL"},
}};

json optional_json(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

core::connection_info connection_of(const core::profile& p, const edit_settings& settings) {
    core::connection_info c;
    if (p.identities.empty()) {
        // No identity to go by: take the provider from the user id and stay conservative.
        c.strategy = p.user_id.substr(0, p.user_id.find('|'));
        c.name = c.strategy;
        c.is_social = c.strategy != "auth0";
    } else {
        const auto& id = p.identities.front();
        c.name = id.connection;
        c.strategy = id.provider;  // Auth0's identities[].provider is the connection's strategy
        c.is_social = id.is_social;
    }
    if (settings.sync_off_connections.count(c.name) > 0) c.set_user_root_attributes = "on_first_login";
    return c;
}

std::string provider_label(const core::connection_info& c) {
    static const std::array<std::pair<std::string_view, std::string_view>, 10> labels = {{
        {"google-oauth2", "Google"},
        {"github", "GitHub"},
        {"facebook", "Facebook"},
        {"apple", "Apple"},
        {"windowslive", "Microsoft"},
        {"linkedin", "LinkedIn"},
        {"twitter", "X (Twitter)"},
        {"waad", "Microsoft Entra ID"},
        {"samlp", "organisation's single sign-on"},
        {"oidc", "organisation's single sign-on"},
    }};
    for (const auto& [strategy, label] : labels) {
        if (c.strategy == strategy) return std::string(label);
    }
    return c.name.empty() ? std::string("identity provider") : c.name;
}

json profile_view(const core::profile& p, const core::field_schema& schema, const edit_settings& settings) {
    const auto c = connection_of(p, settings);
    const bool upstream = core::kind_of(c) == core::connection_kind::upstream;
    const auto provider = provider_label(c);

    json fields = json::array();
    for (const auto& [id, label] : root_fields) {
        const auto e = core::editability(c, id);
        json f = {{"id", id}, {"label", label}, {"editable", e.editable}};
        if (!e.editable) {
            f["reason"] = "Managed by your " + provider + " account: change it there.";
            f["reasonCode"] = std::string(e.reason);
        }
        fields.push_back(std::move(f));
    }
    // Email is the sign-in identifier: this page never changes it (a change
    // needs verification of the new address first; see peers.md).
    fields.push_back({{"id", "email"},
                      {"label", "Email"},
                      {"editable", false},
                      {"reason", upstream ? "Managed by your " + provider + " account: change it there."
                                          : std::string("Your email address is how you sign in; it cannot be changed here.")},
                      {"reasonCode", upstream ? "synced_from_identity_provider" : "sign_in_identifier"}});
    json metadata = json::object();
    for (const auto& def : schema.fields) {
        fields.push_back({{"id", core::metadata_field_id(def.key)}, {"label", def.label}, {"editable", true}});
        if (const auto it = p.user_metadata.find(def.key); it != p.user_metadata.end()) metadata[def.key] = *it;
    }
    return {
        {"version", p.updated_at},
        {"user",
         {{"user_id", p.user_id},
          {"email", optional_json(p.email)},
          {"email_verified", p.email_verified},
          {"name", optional_json(p.name)},
          {"nickname", optional_json(p.nickname)},
          {"given_name", optional_json(p.given_name)},
          {"family_name", optional_json(p.family_name)},
          {"picture", optional_json(p.picture)}}},
        {"user_metadata", std::move(metadata)},
        {"identity",
         {{"provider", c.strategy}, {"connection", c.name}, {"social", c.is_social}, {"label", provider},
          {"managesRootAttributes", upstream && !core::can_write_synced_root_attributes(c)}}},
        {"fields", std::move(fields)},
        {"schema", core::schema_to_json(schema)},
    };
}

}  // namespace profiledesk::api
