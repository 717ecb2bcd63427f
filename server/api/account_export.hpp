// "Download my data" (GDPR Art. 15 and 20): what GET /api/account/export
// answers, built from the user record as the tenant holds it and what
// Profile Desk holds about the user. Pure.
//
//   {"exportedAt": "2026-12-03T21:00:00Z",
//    "profile": {<the record: root attributes, user_metadata, identities
//                (provider tokens removed), logins_count, last_login,
//                created_at, updated_at, last_ip, ...; app_metadata only
//                when the operator allows it (EXPORT_APP_METADATA)>},
//    "profileDesk": {"sessions": [<as GET /api/sessions lists them>],
//                    "pendingEmailChange": {"address", "expiresAt"} or null}}
#pragma once

#include "profiledesk/core/account_view.hpp"
#include "profiledesk/core/sessions_view.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::api {

// The record with what it must not carry out removed: every identity keeps
// only Auth0's documented identity members that are the user's data
// (connection, user_id, provider, isSocial, profileData), so no provider
// access_token, refresh_token, access_token_secret, expires_in or any token a
// provider may add; app_metadata only with `with_app_metadata`.
nlohmann::json exported_profile(const nlohmann::json& record, bool with_app_metadata);

nlohmann::json account_export(const nlohmann::json& record, bool with_app_metadata,
                              const std::vector<core::session_entry_view>& sessions,
                              const std::optional<core::pending_email_view>& pending_email, std::int64_t now);

// "profiledesk-export-YYYY-MM-DD.json", the UTC date of `now` (Unix seconds).
std::string export_filename(std::int64_t now);

}  // namespace profiledesk::api
