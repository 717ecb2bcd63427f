#include "localtenant/seed.hpp"

#include "localtenant/password_hash.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace profiledesk::localtenant {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw seed_error(where + ": " + what); }

std::string required_string(const json& j, const char* key, const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
        fail(where + "." + key, "a non-empty string is required");
    }
    return it->get<std::string>();
}

std::string optional_string(const json& j, const char* key, const std::string& where, std::string fallback = "") {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_string()) fail(where + "." + key, "must be a string");
    return it->get<std::string>();
}

std::vector<std::string> string_list(const json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) fail(where + "." + key, "must be an array of strings");
    for (const auto& s : *it) {
        if (!s.is_string()) fail(where + "." + key, "must be an array of strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Strategies Auth0 marks isSocial; anything else not database or passwordless
// is enterprise. A connection may say "is_social" itself to override.
bool social_strategy(const std::string& strategy) {
    static const std::set<std::string> social = {"google-oauth2", "github",   "facebook", "apple",  "windowslive",
                                                 "twitter",       "linkedin", "amazon",   "gitlab", "bitbucket",
                                                 "discord",       "slack",    "dropbox",  "yahoo",  "line"};
    return social.count(strategy) > 0;
}

client parse_client(const json& j, const std::string& where) {
    if (!j.is_object()) fail(where, "must be an object");
    client c;
    c.client_id = required_string(j, "client_id", where);
    c.name = optional_string(j, "name", where, c.client_id);
    c.client_secret = optional_string(j, "client_secret", where);
    c.app_type = optional_string(j, "app_type", where, "regular_web");
    c.callbacks = string_list(j, "callbacks", where);
    c.allowed_logout_urls = string_list(j, "allowed_logout_urls", where);
    c.grant_types = string_list(j, "grant_types", where);
    c.management_api_scopes = string_list(j, "management_api_scopes", where);
    for (const auto& g : c.grant_types) {
        if (g != "authorization_code" && g != "client_credentials") {
            fail(where + ".grant_types", "'" + g + "' is not supported (authorization_code, client_credentials)");
        }
    }
    if (c.allows_grant("client_credentials") && c.client_secret.empty()) {
        fail(where + ".client_secret", "a client with the client_credentials grant needs a secret");
    }
    return c;
}

connection parse_connection(const json& j, const std::string& where) {
    if (!j.is_object()) fail(where, "must be an object");
    connection c;
    c.name = required_string(j, "name", where);
    c.strategy = required_string(j, "strategy", where);
    c.is_social = j.contains("is_social") ? j.at("is_social").get<bool>() : social_strategy(c.strategy);
    if (const auto it = j.find("options"); it != j.end() && it->is_object()) {
        c.set_user_root_attributes = optional_string(*it, "set_user_root_attributes", where + ".options");
    }
    const auto& mode = c.set_user_root_attributes;
    if (!mode.empty() && mode != "on_each_login" && mode != "on_first_login" && mode != "never_on_login") {
        fail(where + ".options.set_user_root_attributes",
             "must be on_each_login, on_first_login or never_on_login (got '" + mode + "')");
    }
    return c;
}

}  // namespace

namespace {
constexpr std::array<const char*, 4> identity_token_keys = {"access_token", "access_token_secret", "refresh_token",
                                                            "expires_in"};
}  // namespace

bool is_identity_token(const std::string& key) {
    return std::find(identity_token_keys.begin(), identity_token_keys.end(), key) != identity_token_keys.end();
}

json without_identity_tokens(json profile) {
    if (const auto it = profile.find("identities"); it != profile.end() && it->is_array()) {
        for (auto& identity : *it) {
            if (!identity.is_object()) continue;
            for (const char* key : identity_token_keys) identity.erase(key);
        }
    }
    return profile;
}

bool client::allows_grant(const std::string& grant) const {
    return std::find(grant_types.begin(), grant_types.end(), grant) != grant_types.end();
}

json make_user_profile(const json& entry, const connection& conn, system_time now) {
    const auto user_id = entry.at("user_id").get<std::string>();
    json p = json::object();
    p["user_id"] = user_id;
    const auto bar = user_id.find('|');
    const bool database = conn.strategy == "auth0";
    p["identities"] = json::array({json{{"connection", conn.name},
                                        {"user_id", bar == std::string::npos ? user_id : user_id.substr(bar + 1)},
                                        {"provider", database ? "auth0" : conn.strategy},
                                        {"isSocial", conn.is_social}}});
    for (const char* key :
         {"email", "name", "nickname", "given_name", "family_name", "picture", "username", "phone_number", "locale"}) {
        if (const auto it = entry.find(key); it != entry.end() && it->is_string()) p[key] = *it;
    }
    for (const char* key : {"email_verified", "phone_verified", "blocked"}) {
        if (const auto it = entry.find(key); it != entry.end() && it->is_boolean()) p[key] = *it;
    }
    if (p.contains("email")) {
        // Auth0 lowercases emails of database connections (profile-structure).
        if (database) p["email"] = lowercase(p["email"].get<std::string>());
        const auto email = p["email"].get<std::string>();
        if (!p.contains("email_verified")) p["email_verified"] = false;
        if (!p.contains("name")) p["name"] = email;
        if (!p.contains("nickname")) p["nickname"] = email.substr(0, email.find('@'));
    }
    if (!p.contains("picture")) {
        // Auth0 falls back to a gravatar with a cdn.auth0.com/avatars initials
        // image; without a network a plain initials URL of the same host is
        // the closest harmless value.
        std::string initials = p.value("nickname", p.value("name", std::string("u")));
        initials = lowercase(initials.substr(0, std::min<std::size_t>(2, initials.size())));
        bool ascii = !initials.empty();
        for (unsigned char c : initials) ascii = ascii && std::isalnum(c);
        p["picture"] = "https://cdn.auth0.com/avatars/" + (ascii ? initials : std::string("default")) + ".png";
    }
    // A social identity's provider tokens, as Auth0 keeps them (docs/auth0.md:
    // returned only with read:user_idp_tokens).
    if (const auto it = entry.find("identity_tokens"); it != entry.end() && it->is_object()) {
        for (const auto& [key, value] : it->items()) p["identities"][0][key] = value;
    }
    p["user_metadata"] = entry.contains("user_metadata") ? entry.at("user_metadata") : json::object();
    p["app_metadata"] = entry.contains("app_metadata") ? entry.at("app_metadata") : json::object();
    const auto stamp = iso8601_ms(now);
    p["created_at"] = stamp;
    p["updated_at"] = stamp;
    p["logins_count"] = 0;
    return p;
}

seed parse_seed(const json& doc, system_time now) {
    if (!doc.is_object()) fail("seed", "must be a JSON object");
    seed s;
    if (const auto it = doc.find("tenant"); it != doc.end()) {
        if (!it->is_object()) fail("tenant", "must be an object");
        s.settings.friendly_name = optional_string(*it, "friendly_name", "tenant", s.settings.friendly_name);
        s.settings.allowed_logout_urls = string_list(*it, "allowed_logout_urls", "tenant");
    }
    if (const auto it = doc.find("password_iterations"); it != doc.end()) {
        if (!it->is_number_unsigned() || it->get<unsigned>() < minimum_password_iterations) {
            fail("password_iterations",
                 "must be a whole number of at least " + std::to_string(minimum_password_iterations));
        }
        s.password_iterations = it->get<unsigned>();
    }
    const auto list = [&](const char* key) -> const json& {
        static const json empty = json::array();
        const auto it = doc.find(key);
        if (it == doc.end()) return empty;
        if (!it->is_array()) fail(key, "must be an array");
        return *it;
    };
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list("clients").size(); ++i) {
        const auto where = "clients[" + std::to_string(i) + "]";
        auto c = parse_client(list("clients")[i], where);
        if (!ids.insert("client:" + c.client_id).second) fail(where + ".client_id", "duplicate " + c.client_id);
        s.clients.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < list("connections").size(); ++i) {
        const auto where = "connections[" + std::to_string(i) + "]";
        auto c = parse_connection(list("connections")[i], where);
        if (!ids.insert("connection:" + c.name).second) fail(where + ".name", "duplicate " + c.name);
        s.connections.push_back(std::move(c));
    }
    std::set<std::string> logins;
    for (std::size_t i = 0; i < list("users").size(); ++i) {
        const auto where = "users[" + std::to_string(i) + "]";
        const auto& u = list("users")[i];
        if (!u.is_object()) fail(where, "must be an object");
        seed_user su;
        su.record.user_id = required_string(u, "user_id", where);
        if (su.record.user_id.find('|') == std::string::npos) {
            fail(where + ".user_id", "must look like Auth0's '<provider>|<id>', e.g. auth0|ada");
        }
        su.record.connection = required_string(u, "connection", where);
        const auto conn = std::find_if(s.connections.begin(), s.connections.end(),
                                       [&](const connection& c) { return c.name == su.record.connection; });
        if (conn == s.connections.end()) {
            fail(where + ".connection", "no connection named '" + su.record.connection + "'");
        }
        for (const char* key : {"user_metadata", "app_metadata"}) {
            if (u.contains(key) && !u.at(key).is_object()) fail(where + "." + key, "must be an object");
        }
        if (const auto it = u.find("identity_tokens"); it != u.end()) {
            if (!it->is_object()) fail(where + ".identity_tokens", "must be an object");
            for (const auto& [key, _] : it->items()) {
                if (!is_identity_token(key)) {
                    fail(where + ".identity_tokens." + key,
                         "is not a provider token (access_token, access_token_secret, refresh_token, expires_in)");
                }
            }
        }
        su.password = optional_string(u, "password", where);
        su.record.profile = make_user_profile(u, *conn, now);
        su.record.email = su.record.profile.value("email", "");
        if (!ids.insert("user:" + su.record.user_id).second) fail(where + ".user_id", "duplicate " + su.record.user_id);
        if (!su.record.email.empty() && !logins.insert(su.record.connection + "\n" + su.record.email).second) {
            fail(where + ".email", "another user of " + su.record.connection + " has " + su.record.email);
        }
        s.users.push_back(std::move(su));
    }
    return s;
}

seed load_seed_file(const std::string& path, system_time now) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw seed_error(path + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    json doc;
    try {
        doc = json::parse(text.str());
    } catch (const json::exception& e) {
        throw seed_error(path + ": not valid JSON: " + e.what());
    }
    try {
        return parse_seed(doc, now);
    } catch (const json::exception& e) {
        throw seed_error(path + ": " + e.what());
    }
}

seed_outcome apply_seed(store& db, const seed& s) {
    seed_outcome out;
    db.put_settings(s.settings);
    for (const auto& c : s.connections) db.put_connection(c);
    for (const auto& c : s.clients) db.put_client(c);
    const unsigned iterations = s.password_iterations ? s.password_iterations : default_password_iterations;
    for (const auto& u : s.users) {
        if (db.has_user(u.record.user_id)) {
            ++out.users_kept;
            continue;
        }
        auto record = u.record;
        if (!u.password.empty()) record.password_hash = hash_password(u.password, iterations);
        db.insert_user(record);
        ++out.users_added;
    }
    return out;
}

}  // namespace profiledesk::localtenant
