// The seed file: the tenant's clients, connections and users, in JSON, with
// Auth0's field names (see server/localtenant/seed.json and README.md).
//
// Applying a seed is idempotent: settings, clients and connections are
// replaced from the file on every start (they are configuration); a user is
// inserted only when its user_id is not stored yet, so edits made through the
// API survive restarts.
#pragma once

#include "localtenant/model.hpp"
#include "localtenant/store.hpp"
#include "localtenant/timestamps.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace profiledesk::localtenant {

// A seed file that cannot be used; the message names the offending entry,
// e.g. "users[2].connection: no connection named 'x'".
class seed_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct seed_user {
    user_record record;    // profile built by make_user_profile, no password hash yet
    std::string password;  // plain, from the file; hashed when inserted
};

struct seed {
    tenant_settings settings;
    std::vector<client> clients;
    std::vector<connection> connections;
    std::vector<seed_user> users;
    unsigned password_iterations = 0;  // 0: the default (password_hash.hpp)
};

// Parses and checks a seed document (pure). `now` stamps created_at/updated_at.
// Throws seed_error.
seed parse_seed(const nlohmann::json& doc, system_time now);

// Reads and parses a seed file. Throws seed_error.
seed load_seed_file(const std::string& path, system_time now);

// The Auth0 user object for a seeded user: the given root attributes, Auth0's
// defaults for the missing ones (name = email, nickname = the email's local
// part; docs/auth0.md#user-object: UNCONFIRMED as a general rule, but seen on real
// tenants), identities[0] from the connection, timestamps, logins_count 0.
nlohmann::json make_user_profile(const nlohmann::json& entry, const connection& conn, system_time now);

struct seed_outcome {
    std::size_t users_added = 0;
    std::size_t users_kept = 0;
};

// The members of an identity that carry the provider's tokens (OAS-M
// UserIdentitySchema, plus expires_in, which real tenants send beside them).
bool is_identity_token(const std::string& key);

// `profile` without them: what a caller without read:user_idp_tokens gets.
nlohmann::json without_identity_tokens(nlohmann::json profile);

// Writes the seed into the store (see the file comment). Hashes the new
// users' passwords, which is slow by design.
seed_outcome apply_seed(store& db, const seed& s);

}  // namespace profiledesk::localtenant
