#include "localtenant/user_patch.hpp"

#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/metadata_merge.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace profiledesk::localtenant {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 18> writable_fields = {
    "app_metadata", "blocked",       "email",        "email_verified", "family_name",    "given_name",
    "name",         "nickname",      "password",     "phone_number",   "phone_verified", "picture",
    "username",     "user_metadata", "verify_email", "connection",     "client_id",      "verify_phone_number"};

std::string payload_error(const std::string& what, const std::string& property) {
    return "Payload validation error: '" + what + "' on property " + property + ".";
}

// z-schema's type names.
std::string type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        default: return "unknown";
    }
}

enum class kind { boolean, object, string, nullable_string };

struct field_rule {
    const char* name;
    kind type;
    std::size_t min_length = 0;
    std::size_t max_length = 0;  // 0: no limit
};

// OAS-M UpdateUserRequestContent.
constexpr std::array<field_rule, 18> rules = {{
    {"blocked", kind::boolean},
    {"email_verified", kind::boolean},
    {"email", kind::nullable_string},
    {"phone_number", kind::nullable_string},
    {"phone_verified", kind::boolean},
    {"user_metadata", kind::object},
    {"app_metadata", kind::object},
    {"given_name", kind::nullable_string, 1, 150},
    {"family_name", kind::nullable_string, 1, 150},
    {"name", kind::nullable_string, 1, 300},
    {"nickname", kind::nullable_string, 1, 300},
    {"picture", kind::nullable_string},
    {"verify_email", kind::boolean},
    {"verify_phone_number", kind::boolean},
    {"password", kind::nullable_string, 1, 0},
    {"connection", kind::string, 1, 0},
    {"client_id", kind::string},
    {"username", kind::nullable_string, 1, 128},
}};

std::optional<std::string> type_problem(const field_rule& rule, const json& v) {
    const auto expected = [&](const char* type) {
        return payload_error("Expected type " + std::string(type) + " but found type " + type_name(v), rule.name);
    };
    switch (rule.type) {
        case kind::boolean:
            if (!v.is_boolean()) return expected("boolean");
            break;
        case kind::object:
            if (!v.is_object()) return expected("object");
            break;
        case kind::string:
            if (!v.is_string()) return expected("string");
            break;
        case kind::nullable_string:
            if (!v.is_string() && !v.is_null()) return expected("string,null");
            break;
    }
    if (v.is_string()) {
        // Lengths count characters, not bytes ("Łukasz" is 6 long); step 0 checked the text is UTF-8.
        const auto n = core::count_code_points(v.get_ref<const std::string&>());
        if (n < rule.min_length) {
            return payload_error("String is too short (" + std::to_string(n) + " chars), minimum " +
                                     std::to_string(rule.min_length),
                                 rule.name);
        }
        if (rule.max_length && n > rule.max_length) {
            return payload_error("String is too long (" + std::to_string(n) + " chars), maximum " +
                                     std::to_string(rule.max_length),
                                 rule.name);
        }
    }
    return std::nullopt;
}

// Email "format email": one '@', a local part of 1..64 and a whole of at most
// 254 characters (profile-structure), a dotted domain, no spaces or controls.
bool valid_email(const std::string& e) {
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || at > 64 || e.size() > 254 || e.find('@', at + 1) != std::string::npos) {
        return false;
    }
    const auto domain = e.substr(at + 1);
    if (domain.empty() || domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') {
        return false;
    }
    return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// "format strict-uri": an absolute http(s) URL with a host and no whitespace.
bool valid_strict_uri(const std::string& u) {
    static const std::regex uri(R"(^https?://[^\s/?#]+([/?#][^\s]*)?$)", std::regex::icase);
    return std::regex_match(u, uri);
}

bool has(const json& body, const char* key) { return body.contains(key); }

}  // namespace

bool is_writable_user_field(const std::string& key) {
    return std::find_if(writable_fields.begin(), writable_fields.end(), [&](const char* f) { return key == f; }) !=
           writable_fields.end();
}

std::optional<api_error> check_user_patch(const json& body, const std::vector<std::string>& key_order,
                                          const connection& conn, const json& user,
                                          const std::function<bool(const std::string&)>& connection_exists) {
    if (!body.is_object()) {
        return bad_request("Payload validation error: 'Expected type object but found type " + type_name(body) + "'.");
    }
    // 0. Text is UTF-8. A JSON body always is (the parser refuses anything
    //    else), but a form body's names and values are whatever bytes were sent.
    for (const auto& [key, value] : body.items()) {
        if (!core::is_valid_utf8(key) ||
            (value.is_string() && !core::is_valid_utf8(value.get_ref<const std::string&>()))) {
            return bad_request("Invalid request body");
        }
    }
    // 1. Properties outside the schema, named in reverse order of appearance,
    //    as in the 2023 report (auth0-java#549). A property may be named "".
    std::vector<std::string> order = key_order;
    if (order.empty()) {
        for (const auto& [key, _] : body.items()) order.push_back(key);
    }
    std::vector<std::string> refused;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (!is_writable_user_field(*it)) refused.push_back(*it);
    }
    if (!refused.empty()) {
        std::string names;
        for (const auto& name : refused) names += (&name == &refused.front() ? "" : ",") + name;
        return bad_request("Payload validation error: 'Additional properties not allowed: " + names +
                           " (consider storing them in app_metadata or user_metadata. See \"Users Metadata\" in "
                           "https://auth0.com/docs/api/v2/changes for more details)'.");
    }
    // 2. Types, lengths, formats.
    for (const auto& rule : rules) {
        if (const auto it = body.find(rule.name); it != body.end()) {
            if (auto problem = type_problem(rule, *it)) return bad_request(*problem);
        }
    }
    if (const auto it = body.find("email"); it != body.end() && it->is_string() && !valid_email(*it)) {
        return bad_request(
            payload_error("Object didn't pass validation for format email: " + it->get<std::string>(), "email"));
    }
    if (const auto it = body.find("phone_number"); it != body.end() && it->is_string()) {
        static const std::regex e164(R"(^\+[0-9]{1,15}$)");
        if (!std::regex_match(it->get<std::string>(), e164)) {
            return bad_request(payload_error(
                "String does not match pattern ^\\+[0-9]{1,15}$: " + it->get<std::string>(), "phone_number"));
        }
    }
    if (const auto it = body.find("picture"); it != body.end() && it->is_string() && !valid_strict_uri(*it)) {
        return bad_request(
            payload_error("Object didn't pass validation for format strict-uri: " + it->get<std::string>(), "picture"));
    }
    // 3. Fields that cannot change together (OAS-M 400 x-descriptions).
    const std::array<std::pair<const char*, const char*>, 5> exclusive = {{{"password", "email"},
                                                                           {"password", "email_verified"},
                                                                           {"username", "email"},
                                                                           {"username", "email_verified"},
                                                                           {"username", "password"}}};
    for (const auto& [a, b] : exclusive) {
        if (has(body, a) && has(body, b)) {
            return bad_request(std::string("Cannot update ") + a + " and " + b + " simultaneously.");
        }
    }
    // 4. The connection named in the body, if any, must be the user's.
    if (const auto it = body.find("connection"); it != body.end()) {
        const auto name = it->get<std::string>();
        if (!connection_exists(name)) return bad_request("Connection does not exist.");
        if (name != conn.name) return bad_request("Connection is not supported for this operation.");
    }
    // 5. What the user's connection lets be written.
    std::vector<std::string> keys;
    for (const auto& [key, _] : body.items()) keys.push_back(key);
    if (auto problem = core::root_attribute_write_problem(conn, keys)) return bad_request(*problem);
    const auto kind = core::kind_of(conn);
    if (has(body, "password") && kind != core::connection_kind::database) {
        // "Only valid for database connections" (OAS-M); the exact message for
        // a violation is UNCONFIRMED, this is the documented one closest to it.
        return bad_request("Connection is not supported for this operation.");
    }
    if (has(body, "email_verified") &&
        ((kind == core::connection_kind::upstream && !conn.is_social) || conn.strategy == "sms")) {
        return bad_request("Email verification is not supported for enterprise users.");
    }
    // 6. Metadata key names. The status is UNCONFIRMED (older pages say 500,
    //    the best-practices page 400); 400 invalid_body is the useful one.
    for (const char* field : {"user_metadata", "app_metadata"}) {
        if (const auto it = body.find(field); it != body.end()) {
            if (const auto bad = core::invalid_metadata_key(*it)) {
                return bad_request(payload_error(
                    "Invalid key name \"" + *bad + "\": metadata field names must not contain '.' or '$'", field));
            }
        }
    }
    if (const auto it = body.find("app_metadata"); it != body.end()) {
        if (const auto reserved = core::reserved_app_metadata_key(*it)) {
            return bad_request(payload_error("\"" + *reserved + "\" is a reserved app_metadata key", "app_metadata"));
        }
    }
    (void)user;
    return std::nullopt;
}

patch_effects apply_user_patch(json& user, const json& body, const connection& conn, system_time now) {
    patch_effects effects;
    const auto old_email = user.value("email", std::string());
    for (const auto& [key, value] : body.items()) {
        if (key == "user_metadata" || key == "app_metadata") {
            user[key] = core::merge_metadata(user.value(key, json::object()), value);
        } else if (key == "connection" || key == "client_id" || key == "verify_phone_number" || key == "verify_email") {
            // Control fields: they steer the update, they are not stored.
        } else if (key == "password") {
            // The hash is the caller's (slow, outside the store's lock); a null
            // password changes nothing.
            if (value.is_string()) {
                effects.password_changed = true;
                user["last_password_reset"] = iso8601_ms(now);
            }
        } else if (value.is_null()) {
            user.erase(key);  // "Supported attributes can be unset by supplying null"
        } else if (key == "email" && core::kind_of(conn) == core::connection_kind::database) {
            std::string lower = value.get<std::string>();
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            user[key] = lower;
        } else {
            user[key] = value;
        }
    }
    effects.email_changed = user.value("email", std::string()) != old_email;
    // A new address is unverified unless the request says otherwise. Whether
    // Auth0 does this by itself is UNCONFIRMED; keeping a stale "verified"
    // flag on an address nobody verified would be the worse guess.
    if (effects.email_changed && !body.contains("email_verified")) user["email_verified"] = false;
    // verify_email: true sends a verification email, so the address is not
    // verified until the link is followed ("Overrides email_verified").
    if (const auto it = body.find("verify_email"); it != body.end() && it->is_boolean() && it->get<bool>()) {
        user["email_verified"] = false;
    }
    user["updated_at"] = next_updated_at(now, user.value("updated_at", std::string()));
    return effects;
}

std::optional<api_error> check_profile_size(const json& user) {
    const auto size = user.dump().size();
    if (size <= profile_size_limit) return std::nullopt;
    return bad_request("Payload validation error: the user profile would be " + std::to_string(size) +
                       " bytes; the limit is " + std::to_string(profile_size_limit) + " bytes (10 KB).");
}

core::password_policy password_policy_of(const json& options) {
    core::password_policy policy;
    policy.level = core::password_level::none;
    if (!options.is_object()) return policy;
    if (const auto it = options.find("passwordPolicy"); it != options.end() && it->is_string()) {
        policy.level = core::parse_password_level(it->get<std::string>()).value_or(core::password_level::none);
    }
    if (const auto it = options.find("password_complexity_options"); it != options.end() && it->is_object()) {
        if (const auto m = it->find("min_length"); m != it->end() && m->is_number_unsigned()) {
            policy.min_length = m->get<std::size_t>();
        }
    }
    return policy;
}

std::optional<std::string> password_policy_problem(const json& options) {
    if (const auto it = options.find("passwordPolicy"); it != options.end() && !it->is_null()) {
        if (!it->is_string() || !core::parse_password_level(it->get<std::string>())) {
            return std::string("passwordPolicy must be none, low, fair, good or excellent");
        }
    }
    if (const auto it = options.find("password_complexity_options"); it != options.end() && it->is_object()) {
        if (const auto m = it->find("min_length"); m != it->end()) {
            if (!m->is_number_unsigned() || m->get<std::size_t>() < 1 || m->get<std::size_t>() > 128) {
                return std::string("password_complexity_options.min_length must be 1 to 128");
            }
        }
    }
    return std::nullopt;
}

}  // namespace profiledesk::localtenant
