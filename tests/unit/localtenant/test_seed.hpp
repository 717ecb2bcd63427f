// A small seed document shared by the localtenant unit tests.
#pragma once

#include <nlohmann/json.hpp>

namespace localtenant_test {

inline nlohmann::json small_seed() {
    return nlohmann::json::parse(R"({
      "password_iterations": 1000,
      "tenant": {"allowed_logout_urls": ["http://localhost:8080/"]},
      "clients": [{"client_id": "app", "client_secret": "s3cret", "callbacks": ["http://localhost:8080/callback"],
                   "grant_types": ["authorization_code", "client_credentials"],
                   "management_api_scopes": ["read:users", "update:users"]}],
      "connections": [
        {"name": "Username-Password-Authentication", "strategy": "auth0"},
        {"name": "google-oauth2", "strategy": "google-oauth2", "options": {"set_user_root_attributes": "on_each_login"}},
        {"name": "github", "strategy": "github", "options": {"set_user_root_attributes": "on_first_login"}}
      ],
      "users": [
        {"user_id": "auth0|ada", "connection": "Username-Password-Authentication", "email": "Ada@Example.com",
         "password": "pw-ada", "name": "Ada Lovelace", "user_metadata": {"city": "London"}, "app_metadata": {"plan": "gold"}},
        {"user_id": "google-oauth2|123", "connection": "google-oauth2", "email": "g@example.com", "password": "pw-g"},
        {"user_id": "github|9", "connection": "github", "email": "gh@example.com"}
      ]
    })");
}

}  // namespace localtenant_test
