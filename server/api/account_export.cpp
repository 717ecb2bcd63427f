#include "api/account_export.hpp"

#include <array>
#include <ctime>

namespace profiledesk::api {

using nlohmann::json;

namespace {

// Auth0's UserIdentitySchema (Management API v2 reference, GET
// /api/v2/users/{id}) also has access_token, access_token_secret and
// refresh_token: an allowlist, so that a member added later is left out
// until someone decides it is the user's to take.
constexpr std::array<const char*, 5> identity_members = {"connection", "user_id", "provider", "isSocial",
                                                         "profileData"};

std::string utc(std::int64_t now, const char* format) {
    const std::time_t t = static_cast<std::time_t>(now);
    std::tm parts{};
    gmtime_r(&t, &parts);
    std::array<char, 32> out{};
    return std::string(out.data(), std::strftime(out.data(), out.size(), format, &parts));
}

}  // namespace

json exported_profile(const json& record, bool with_app_metadata) {
    json out = record.is_object() ? record : json::object();
    if (!with_app_metadata) out.erase("app_metadata");
    if (const auto it = out.find("identities"); it != out.end()) {
        json kept = json::array();
        if (it->is_array()) {
            for (const auto& identity : *it) {
                if (!identity.is_object()) continue;
                json one = json::object();
                for (const char* key : identity_members) {
                    if (const auto m = identity.find(key); m != identity.end()) one[key] = *m;
                }
                kept.push_back(std::move(one));
            }
        }
        *it = std::move(kept);
    }
    return out;
}

json account_export(const json& record, bool with_app_metadata, const std::vector<core::session_entry_view>& sessions,
                    const std::optional<core::pending_email_view>& pending_email, std::int64_t now) {
    json pending = nullptr;
    if (pending_email) pending = {{"address", pending_email->address}, {"expiresAt", pending_email->expires_at}};
    return {{"exportedAt", utc(now, "%Y-%m-%dT%H:%M:%SZ")},
            {"profile", exported_profile(record, with_app_metadata)},
            {"profileDesk",
             {{"sessions", core::sessions_view_to_json(sessions)["sessions"]}, {"pendingEmailChange", pending}}}};
}

std::string export_filename(std::int64_t now) { return "profiledesk-export-" + utc(now, "%Y-%m-%d") + ".json"; }

}  // namespace profiledesk::api
