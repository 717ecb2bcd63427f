// The profile view: what GET and PATCH /api/profile answer, the one contract
// between the server (which builds and writes it, server/api/profile_view.hpp)
// and the app (which reads it into its form). Both sides use this type and
// these two functions, so the wire format is written down once:
//
//   {"version": "<updated_at>",
//    "user": {"user_id", "email_verified", and each root attribute of
//             root_attributes.hpp (null when absent)},
//    "user_metadata": {only the keys the schema declares},
//    "identity": {"provider", "connection", "social", "label", "managesRootAttributes"},
//    "fields": [{"id", "label", "editable", "reason"?, "reasonCode"?}, ...],
//    "schema": <schema_to_json>,
//    "account": <account_view_to_json> (core/account_view.hpp)}
//
// `reason` and `reasonCode` are written exactly when a field is not editable.
#pragma once

#include "profiledesk/core/account_view.hpp"
#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/profile.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace profiledesk::core {

// One entry of `fields`: a field the editor shows, in the server's order.
struct view_field {
    std::string id;  // field id: "name", "email", "user_metadata.city"
    std::string label;
    bool editable = false;
    std::string reason;       // why not, for a person ("" when editable)
    std::string reason_code;  // why not, stable: "synced_from_identity_provider",
                              // "email_not_database", "sign_in_identifier"

    bool operator==(const view_field& o) const {
        return id == o.id && label == o.label && editable == o.editable && reason == o.reason &&
               reason_code == o.reason_code;
    }
};

// The user's primary identity as the editor needs it.
struct view_identity {
    std::string provider;    // the connection's strategy: "auth0", "google-oauth2", ...
    std::string connection;  // "Username-Password-Authentication", ...
    bool social = false;
    std::string label;  // "Google", for "Managed by your Google account"
    // An upstream provider overwrites the root attributes at each login.
    bool manages_root_attributes = false;

    bool operator==(const view_identity& o) const {
        return provider == o.provider && connection == o.connection && social == o.social && label == o.label &&
               manages_root_attributes == o.manages_root_attributes;
    }
};

struct profile_view {
    std::string version;  // the record's updated_at: the PATCH's baseVersion
    // user_id, email, email_verified and the root attributes. Its other
    // members are not part of the view: the record's version is `version`,
    // its metadata `user_metadata`, its identity `identity`.
    profile user;
    nlohmann::json user_metadata = nlohmann::json::object();  // the schema's keys only
    view_identity identity;
    std::vector<view_field> fields;
    field_schema schema;
    account_view account;  // email/password change, deletion, pending email change
};

// The view as JSON, in the format above.
nlohmann::json profile_view_to_json(const profile_view& view);

// JSON -> view, as forgiving as a reader of our own server should be: a
// member of the wrong type reads as absent. nullopt with `problem` set (a
// sentence for a person) when `j` is not a profile view at all (no object, no
// "user" or no "schema") or its schema does not parse with `compile` (the
// reader's pattern engine).
std::optional<profile_view> profile_view_from_json(const nlohmann::json& j, pattern_compiler compile,
                                                   std::string& problem);

}  // namespace profiledesk::core
