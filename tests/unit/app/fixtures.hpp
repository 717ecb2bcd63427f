// Answers of Profile Desk's API as the app receives them, built with core's
// own schema so they match what the server sends.
#pragma once

#include "app/controller.hpp"
#include "net/api_result.hpp"
#include "profiledesk/core/default_schema.hpp"
#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/schema_to_json.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <nlohmann/json.hpp>

namespace fixtures {

using nlohmann::json;

inline json field_entries(bool social) {
    json fields = json::array();
    for (const char* id : {"name", "nickname", "given_name", "family_name", "picture"}) {
        json f = {{"id", id}, {"label", id}, {"editable", !social}};
        if (social) {
            f["reason"] = "Managed by your Google account: change it there.";
            f["reasonCode"] = "synced_from_identity_provider";
        }
        fields.push_back(f);
    }
    fields.push_back({{"id", "email"},
                      {"label", "Email"},
                      {"editable", false},
                      {"reason", "Your email address is how you sign in; it cannot be changed here."},
                      {"reasonCode", "sign_in_identifier"}});
    const auto schema = profiledesk::core::default_schema(profiledesk::core::compile_std_regex);
    for (const auto& def : schema.fields) {
        fields.push_back({{"id", "user_metadata." + def.key},
                          {"label", profiledesk::core::resolve(def.label, "en")},
                          {"editable", true}});
    }
    return fields;
}

// GET /api/profile for Ada (database user) or Gina (Google, synced root attributes).
inline json profile_view(const std::string& version = "2024-01-01T00:00:00.000Z", bool social = false,
                         json metadata = {{"city", "London"}}) {
    return {
        {"version", version},
        {"user",
         {{"user_id", social ? "google-oauth2|1" : "auth0|ada"},
          {"email", social ? "gina@example.com" : "ada@example.com"},
          {"email_verified", true},
          {"name", social ? "Gina Google" : "Ada Lovelace"},
          {"nickname", "ada"},
          {"given_name", "Ada"},
          {"family_name", "Lovelace"},
          {"picture", nullptr}}},
        {"user_metadata", metadata},
        {"identity",
         {{"provider", social ? "google-oauth2" : "auth0"},
          {"connection", social ? "google-oauth2" : "db"},
          {"social", social},
          {"label", social ? "Google" : "db"},
          {"managesRootAttributes", social}}},
        {"fields", field_entries(social)},
        {"schema",
         profiledesk::core::schema_to_json(profiledesk::core::default_schema(profiledesk::core::compile_std_regex))},
    };
}

inline profiledesk::app::net::api_result answer(int status, const json& body, const std::string& retry_after = {}) {
    return profiledesk::app::net::classify(status, body.dump(), retry_after);
}

// The JSON body an effect carries (a PATCH's, a stored draft's).
inline json body_of(const profiledesk::app::effect& e) { return json::parse(e.body); }

inline json session(const std::string& sub = "auth0|ada") {
    return {{"authenticated", true},
            {"user", {{"sub", sub}, {"name", "Ada Lovelace"}, {"picture", ""}, {"connection", "db"}}},
            {"csrfToken", "csrf-123"}};
}

// A state in `editing` with Ada's (or Gina's) profile loaded.
inline profiledesk::app::app_state signed_in(bool social = false, const std::string& stored_draft = {}) {
    using namespace profiledesk::app;
    app_state s;
    start(s);
    on_session(s, answer(200, session(social ? "google-oauth2|1" : "auth0|ada")));
    on_profile(s, answer(200, profile_view("2024-01-01T00:00:00.000Z", social)), stored_draft);
    return s;
}

}  // namespace fixtures
