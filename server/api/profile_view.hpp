// What GET/PATCH /api/profile answer: the user's own record as the editor
// needs it, with, for each field, whether the user may edit it and why not.
#pragma once

#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/profile.hpp"
#include "profiledesk/core/profile_view.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace profiledesk::api {

// How the server decides editability where Auth0 gives no answer it can read.
struct edit_settings {
    // Connections whose "Sync user profile attributes at each login" is off
    // (set_user_root_attributes is not on_each_login). Reading that setting
    // needs read:connections on the Management API, so it is configured
    // instead; unlisted social/enterprise connections are treated as synced,
    // Auth0's default, so the editor never offers a write Auth0 would refuse.
    std::set<std::string> sync_off_connections;
    bool allow_account_deletion = false;  // ALLOW_ACCOUNT_DELETION: the view offers deletion
};

// The primary identity's connection as the edit policy needs it.
core::connection_info connection_of(const core::profile& p, const edit_settings& settings);

// "Google", "GitHub", ... for the provider of a connection (for reasons).
std::string provider_label(const core::connection_info& c);

// The view of `p` (core/profile_view.hpp): every root attribute and schema
// field with whether this user may edit it and, if not, why.
core::profile_view view_of(const core::profile& p, const core::field_schema& schema, const edit_settings& settings);

// view_of(...) as the JSON the API answers.
nlohmann::json profile_view(const core::profile& p, const core::field_schema& schema, const edit_settings& settings);

}  // namespace profiledesk::api
