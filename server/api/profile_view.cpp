#include "api/profile_view.hpp"

#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/reauthentication.hpp"
#include "profiledesk/core/root_attributes.hpp"

#include <array>
#include <utility>

namespace profiledesk::api {

using nlohmann::json;

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

core::profile_view view_of(const core::profile& p, const core::field_schema& schema, const edit_settings& settings,
                           const account_facts& account) {
    const auto c = connection_of(p, settings);
    const bool upstream = core::kind_of(c) == core::connection_kind::upstream;
    const auto provider = provider_label(c);
    const std::string managed_there = "Managed by your " + provider + " account: change it there.";

    core::profile_view view;
    view.version = p.updated_at;
    view.user.user_id = p.user_id;
    view.user.email_verified = p.email_verified;
    for (const auto& a : core::root_attributes) {
        view.user.*a.member = p.*a.member;
        core::view_field f{std::string(a.key), std::string(a.label), true, {}, {}};
        if (a.value == core::root_value::sign_in_email) {
            // Email is the sign-in identifier: this page never changes it (a
            // change needs verification of the new address first).
            f.editable = false;
            f.reason = upstream ? managed_there
                                : std::string("Your email address is how you sign in; it cannot be changed here.");
            f.reason_code = upstream ? "synced_from_identity_provider" : "sign_in_identifier";
        } else if (const auto e = core::editability(c, a.key); !e.editable) {
            f.editable = false;
            f.reason = managed_there;
            f.reason_code = std::string(e.reason);
        }
        view.fields.push_back(std::move(f));
    }
    for (const auto& def : schema.fields) {
        // The view's one label per field is English; the app shows the schema's own in its language.
        view.fields.push_back({core::metadata_field_id(def.key), core::resolve(def.label, "en"), true, {}, {}});
        if (const auto it = p.user_metadata.find(def.key); it != p.user_metadata.end()) {
            view.user_metadata[def.key] = *it;
        }
    }
    view.identity = {c.strategy, c.name, c.is_social, provider, upstream && !core::can_write_synced_root_attributes(c)};
    view.schema = schema;
    // Only a database user's address is ours to change (POST /api/account/email).
    view.account.email_change = core::can_write_email(c);
    view.account.pending_email = account.pending_email;
    view.account.deletion = settings.allow_account_deletion;
    // A password lives where the email may change: a database connection.
    view.account.password_change = core::can_write_email(c);
    view.account.recent_sign_in_for = core::reauth::seconds_left(account.auth_time, account.now);
    view.account.policy = account.policy;
    return view;
}

json profile_view(const core::profile& p, const core::field_schema& schema, const edit_settings& settings,
                  const account_facts& account) {
    return core::profile_view_to_json(view_of(p, schema, settings, account));
}

}  // namespace profiledesk::api
