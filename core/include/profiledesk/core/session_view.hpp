// The session view: what GET /api/session answers, the second contract
// between the server (server/api/auth_routes.cpp writes it) and the app
// (wasm/app/controller_session.cpp reads it):
//
//   {"authenticated": false}
//   {"authenticated": true,
//    "user": {"sub", "name", "picture", "connection"},
//    "csrfToken": "<the token every state-changing request carries>"}
//
// The user's name and picture are the ID token's claims at sign-in, shown in
// the header until the profile itself has loaded.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace profiledesk::core {

struct session_user_view {
    std::string sub;         // the user id (the ID token's `sub`)
    std::string name;        // "" when the ID token had none
    std::string picture;     // "" when the ID token had none
    std::string connection;  // the provider part of `sub` ("auth0", "google-oauth2", ...)

    bool operator==(const session_user_view& o) const {
        return sub == o.sub && name == o.name && picture == o.picture && connection == o.connection;
    }
};

struct session_view {
    std::optional<session_user_view> user;  // nullopt: nobody is signed in
    std::string csrf_token;                 // "" when nobody is signed in

    bool operator==(const session_view& o) const { return user == o.user && csrf_token == o.csrf_token; }
};

nlohmann::json session_view_to_json(const session_view& v);

// Lenient as a reader of our own server must be with a proxy in between: a
// body that is not an object, or says nothing of `authenticated`, reads as
// signed out; a member of the wrong type reads as "".
session_view session_view_from_json(const nlohmann::json& j);

}  // namespace profiledesk::core
