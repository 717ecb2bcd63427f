// The tenant's persistent state in SQLite: settings, signing keys, clients,
// connections and users. One connection guarded by a mutex: every call is a
// short transaction, so requests from several I/O threads are safe, and a
// read-modify-write of one user (PATCH) is atomic. A file database uses WAL
// and a busy timeout, so a second process (sqlite3 CLI) can look at it.
//
// Authorization codes and sign-in sessions are not here: they live in memory
// (oauth_state.hpp) and a restart signs everyone out, as documented.
#pragma once

#include "localtenant/model.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace profiledesk::localtenant {

class store_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// update_user refused a change: another user of the connection has that email.
class duplicate_email : public store_error {
public:
    using store_error::store_error;
};

// A stored signing key: its id and its private key in PEM.
struct signing_key_record {
    std::string kid;
    std::string private_pem;
    std::string created_at;
};

class store {
public:
    // Opens (creating when needed) the database at `path`; ":memory:" for a
    // throwaway one. Throws store_error.
    explicit store(const std::string& path);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    // Settings
    tenant_settings settings();
    void put_settings(const tenant_settings& s);

    // Signing keys, oldest first (the newest signs; all are published).
    std::vector<signing_key_record> signing_keys();
    void add_signing_key(const signing_key_record& key);

    // Clients and connections (replaced whole by put_*).
    void put_client(const client& c);
    std::optional<client> find_client(const std::string& client_id);
    void put_connection(const connection& c);
    std::optional<connection> find_connection(const std::string& name);
    // A connection's `options` object as Auth0 holds it (passwordPolicy,
    // password_complexity_options, ...): replaced whole; {} when none was put.
    void put_connection_options(const std::string& name, const nlohmann::json& options);
    nlohmann::json connection_options(const std::string& name);

    // Users
    bool has_user(const std::string& user_id);
    // Throws store_error when the user id (or connection + email) exists.
    void insert_user(const user_record& u);
    std::optional<user_record> find_user(const std::string& user_id);
    // Users who may sign in with `email` (any connection, database first),
    // or only those of `connection` when it is not empty.
    std::vector<user_record> find_login_candidates(const std::string& email, const std::string& connection);
    bool email_taken(const std::string& connection, const std::string& email, const std::string& except_user_id);

    // Atomic read-modify-write of one user: `change` gets the current record
    // and edits it, returning false to leave it unchanged. Returns nullopt when
    // the user does not exist, else the record as stored afterwards. Throws
    // duplicate_email (and stores nothing) when the change gives the user an
    // email another user of the same connection has.
    std::optional<user_record> update_user(const std::string& user_id, const std::function<bool(user_record&)>& change);
    // Removes the user; false when there was none.
    bool delete_user(const std::string& user_id);

    std::size_t user_count();

private:
    void exec(const char* sql);
    void write_user(const user_record& u, bool insert);
    std::optional<user_record> find_user_locked(const std::string& user_id);
    bool email_taken_locked(const std::string& connection, const std::string& email, const std::string& except_user_id);

    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

}  // namespace profiledesk::localtenant
