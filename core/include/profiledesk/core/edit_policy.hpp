// Which root attributes of a user Auth0 lets be written, by connection.
//
// From docs/auth0.md#root-attributes (OAS-M 400 x-descriptions;
// docs manage-users/user-accounts/user-profiles/root-attributes and
// configure-connection-sync-with-auth0):
//   - name, nickname, given_name, family_name, picture: writable for database
//     and passwordless connections always; for social and enterprise
//     connections only when `options.set_user_root_attributes` is not
//     `on_each_login` (which is the default when unset);
//   - email: writable for database users only.
// Auth0's own 400 messages are available as constants, so localtenant answers
// with them and the server can recognise them.
//
// This is Auth0's rule, not Profile Desk's: the server adds its own (a user
// never writes app_metadata, blocked, password, ...) on top of it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

// What the edit rules need to know about a user's (primary identity's) connection.
struct connection_info {
    std::string name;        // "Username-Password-Authentication", "google-oauth2", ...
    std::string strategy;    // Auth0's strategy: "auth0" (database), "email"/"sms"
                             // (passwordless), "google-oauth2", "github", "samlp", ...
    bool is_social = false;  // the identity's `isSocial`
    // `options.set_user_root_attributes`: "on_each_login", "on_first_login" or
    // "never_on_login"; empty means unset, which Auth0 treats as "on_each_login".
    std::string set_user_root_attributes;
};

// The kinds of connection the rules tell apart.
enum class connection_kind {
    database,      // strategy "auth0": Auth0 is the identity provider
    passwordless,  // strategy "email" or "sms": Auth0 is the identity provider
    upstream,      // social, enterprise, legal identity: another provider owns the profile
};

connection_kind kind_of(const connection_info& c);

// The root attributes an upstream provider syncs: the table's `synced` rows
// (root_attributes.hpp).
bool is_synced_root_attribute(std::string_view attribute);

// The connection lets name, nickname, given_name, family_name, picture be written.
bool can_write_synced_root_attributes(const connection_info& c);

// The connection lets email be written (database connections only).
bool can_write_email(const connection_info& c);

// Auth0's 400 messages (OAS-M x-descriptions, verbatim).
inline constexpr std::string_view cannot_update_email_message = "Cannot update email for non-database user.";
inline constexpr std::string_view root_attributes_message_prefix = "The following user attributes cannot be updated: ";
inline constexpr std::string_view root_attributes_message_suffix =
    ". The connection must either be a database connection (using the Auth0 store), a passwordless connection "
    "(email or sms) or has disabled 'Sync user profile attributes at each login'.";

// "The following user attributes cannot be updated: a, b. The connection must ..."
// for the given attributes, sorted as Auth0 lists them. Auth0's documented
// sample names all five because all five were sent; that it names only the
// attributes a request tried to write is UNCONFIRMED (the closest confirmed
// shape, "cannot be removed: foo, bar", names the attributes in question).
std::string root_attributes_message(std::vector<std::string> attributes);

// Auth0's verdict on writing `attributes` (root keys of a PATCH body) for a
// user of connection `c`: nullopt when allowed, else the 400 message.
// The synced attributes are checked first, then email, as one request can
// only carry one message.
std::optional<std::string> root_attribute_write_problem(const connection_info& c,
                                                        const std::vector<std::string>& attributes);

// Why an attribute is or is not writable for a connection, for the UI: a
// stable code ("", "synced_from_identity_provider", "email_not_database").
struct attribute_editability {
    bool editable = true;
    std::string_view reason;  // empty when editable
};

// For the five synced attributes and email; any other attribute is reported
// editable here (Auth0 puts no connection rule on it; the caller's own policy
// decides).
attribute_editability editability(const connection_info& c, std::string_view attribute);

}  // namespace profiledesk::core
