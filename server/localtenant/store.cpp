#include "localtenant/store.hpp"

#include <sqlite3.h>

#include <utility>

namespace profiledesk::localtenant {

namespace {

using nlohmann::json;

// One prepared statement; finalized on scope exit. Only ever bound
// parameters, never SQL built from values.
class statement {
public:
    statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            throw store_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
        }
    }
    ~statement() { sqlite3_finalize(stmt_); }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    statement& bind(int i, const std::string& v) {
        check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    statement& bind_null(int i) {
        check(sqlite3_bind_null(stmt_, i));
        return *this;
    }
    // True while there is a row; throws on errors (SQLITE_CONSTRAINT included).
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw store_error(std::string("sqlite step: ") + sqlite3_errmsg(db_));
    }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) throw store_error(std::string("sqlite bind: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// Everything in one transaction, rolled back unless commit() ran.
class transaction {
public:
    explicit transaction(sqlite3* db) : db_(db) { run("BEGIN IMMEDIATE"); }
    ~transaction() {
        if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        run("COMMIT");
        done_ = true;
    }

private:
    void run(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string message = err ? err : "unknown";
            sqlite3_free(err);
            throw store_error(std::string("sqlite ") + sql + ": " + message);
        }
    }
    sqlite3* db_;
    bool done_ = false;
};

json strings_to_json(const std::vector<std::string>& v) { return json(v); }
std::vector<std::string> json_to_strings(const json& j) {
    std::vector<std::string> out;
    if (j.is_array()) {
        for (const auto& s : j) {
            if (s.is_string()) out.push_back(s.get<std::string>());
        }
    }
    return out;
}

json client_to_json(const client& c) {
    return {{"client_id", c.client_id},
            {"name", c.name},
            {"client_secret", c.client_secret},
            {"app_type", c.app_type},
            {"callbacks", strings_to_json(c.callbacks)},
            {"allowed_logout_urls", strings_to_json(c.allowed_logout_urls)},
            {"grant_types", strings_to_json(c.grant_types)},
            {"management_api_scopes", strings_to_json(c.management_api_scopes)}};
}

client client_from_json(const json& j) {
    client c;
    c.client_id = j.value("client_id", "");
    c.name = j.value("name", "");
    c.client_secret = j.value("client_secret", "");
    c.app_type = j.value("app_type", "regular_web");
    c.callbacks = json_to_strings(j.value("callbacks", json::array()));
    c.allowed_logout_urls = json_to_strings(j.value("allowed_logout_urls", json::array()));
    c.grant_types = json_to_strings(j.value("grant_types", json::array()));
    c.management_api_scopes = json_to_strings(j.value("management_api_scopes", json::array()));
    return c;
}

user_record user_from_row(const statement& s) {
    user_record u;
    u.user_id = s.text(0);
    u.connection = s.text(1);
    u.email = s.text(2);
    u.password_hash = s.text(3);
    u.profile = json::parse(s.text(4));
    return u;
}

constexpr const char* user_columns = "user_id, connection, email, password_hash, profile";

}  // namespace

store::store(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw store_error("cannot open database " + path + ": " + message);
    }
    try {
        // Another process (the sqlite3 CLI, a second tenant on the same file)
        // may hold a lock for a moment: wait up to 5 s rather than fail.
        sqlite3_busy_timeout(db_, 5000);
        if (path != ":memory:") exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA foreign_keys=ON");
        exec(R"sql(
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signing_keys (
  kid TEXT PRIMARY KEY,
  private_pem TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
  client_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connections (
  name TEXT PRIMARY KEY,
  strategy TEXT NOT NULL,
  is_social INTEGER NOT NULL,
  set_user_root_attributes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connection_options (
  name TEXT PRIMARY KEY,
  options TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY,
  connection TEXT NOT NULL,
  email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  profile TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_connection_email ON users(connection, email) WHERE email <> '';
)sql");
    } catch (...) {
        sqlite3_close(db_);
        throw;
    }
}

store::~store() { sqlite3_close(db_); }

void store::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = err ? err : "unknown";
        sqlite3_free(err);
        throw store_error("sqlite: " + message);
    }
}

tenant_settings store::settings() {
    const std::lock_guard lock(mutex_);
    tenant_settings s;
    statement st(db_, "SELECT value FROM settings WHERE key = 'tenant'");
    if (st.step()) {
        const auto j = json::parse(st.text(0));
        s.friendly_name = j.value("friendly_name", s.friendly_name);
        s.allowed_logout_urls = json_to_strings(j.value("allowed_logout_urls", json::array()));
    }
    return s;
}

void store::put_settings(const tenant_settings& s) {
    const std::lock_guard lock(mutex_);
    const json j = {{"friendly_name", s.friendly_name}, {"allowed_logout_urls", s.allowed_logout_urls}};
    statement st(db_,
                 "INSERT INTO settings(key, value) VALUES('tenant', ?1) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, j.dump());
    st.step();
}

std::vector<signing_key_record> store::signing_keys() {
    const std::lock_guard lock(mutex_);
    std::vector<signing_key_record> out;
    statement st(db_, "SELECT kid, private_pem, created_at FROM signing_keys ORDER BY created_at, rowid");
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

void store::add_signing_key(const signing_key_record& key) {
    const std::lock_guard lock(mutex_);
    statement st(db_, "INSERT INTO signing_keys(kid, private_pem, created_at) VALUES(?1, ?2, ?3)");
    st.bind(1, key.kid).bind(2, key.private_pem).bind(3, key.created_at);
    st.step();
}

void store::put_client(const client& c) {
    const std::lock_guard lock(mutex_);
    statement st(db_,
                 "INSERT INTO clients(client_id, doc) VALUES(?1, ?2) "
                 "ON CONFLICT(client_id) DO UPDATE SET doc = excluded.doc");
    st.bind(1, c.client_id).bind(2, client_to_json(c).dump());
    st.step();
}

std::optional<client> store::find_client(const std::string& client_id) {
    const std::lock_guard lock(mutex_);
    statement st(db_, "SELECT doc FROM clients WHERE client_id = ?1");
    st.bind(1, client_id);
    if (!st.step()) return std::nullopt;
    return client_from_json(json::parse(st.text(0)));
}

void store::put_connection(const connection& c) {
    const std::lock_guard lock(mutex_);
    statement st(db_,
                 "INSERT INTO connections(name, strategy, is_social, set_user_root_attributes) VALUES(?1, ?2, ?3, ?4) "
                 "ON CONFLICT(name) DO UPDATE SET strategy = excluded.strategy, is_social = excluded.is_social, "
                 "set_user_root_attributes = excluded.set_user_root_attributes");
    st.bind(1, c.name).bind(2, c.strategy).bind(3, c.is_social ? "1" : "0").bind(4, c.set_user_root_attributes);
    st.step();
}

std::optional<connection> store::find_connection(const std::string& name) {
    const std::lock_guard lock(mutex_);
    statement st(db_, "SELECT name, strategy, is_social, set_user_root_attributes FROM connections WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return connection{st.text(0), st.text(1), st.integer(2) != 0, st.text(3)};
}

void store::put_connection_options(const std::string& name, const json& options) {
    const std::lock_guard lock(mutex_);
    statement st(db_,
                 "INSERT INTO connection_options(name, options) VALUES(?1, ?2) "
                 "ON CONFLICT(name) DO UPDATE SET options = excluded.options");
    st.bind(1, name).bind(2, options.dump());
    st.step();
}

json store::connection_options(const std::string& name) {
    const std::lock_guard lock(mutex_);
    statement st(db_, "SELECT options FROM connection_options WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) return json::object();
    return json::parse(st.text(0), nullptr, false);
}

bool store::has_user(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    return find_user_locked(user_id).has_value();
}

void store::write_user(const user_record& u, bool insert) {
    statement st(db_, insert ? "INSERT INTO users(user_id, connection, email, password_hash, profile) "
                               "VALUES(?1, ?2, ?3, ?4, ?5)"
                             : "UPDATE users SET connection = ?2, email = ?3, password_hash = ?4, profile = ?5 "
                               "WHERE user_id = ?1");
    st.bind(1, u.user_id).bind(2, u.connection).bind(3, u.email).bind(4, u.password_hash).bind(5, u.profile.dump());
    st.step();
}

void store::insert_user(const user_record& u) {
    const std::lock_guard lock(mutex_);
    write_user(u, true);
}

std::optional<user_record> store::find_user_locked(const std::string& user_id) {
    statement st(db_, (std::string("SELECT ") + user_columns + " FROM users WHERE user_id = ?1").c_str());
    st.bind(1, user_id);
    if (!st.step()) return std::nullopt;
    return user_from_row(st);
}

std::optional<user_record> store::find_user(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    return find_user_locked(user_id);
}

std::vector<user_record> store::find_login_candidates(const std::string& email, const std::string& connection_name) {
    const std::lock_guard lock(mutex_);
    std::vector<user_record> out;
    statement st(db_, (std::string("SELECT ") + user_columns +
                       " FROM users u WHERE u.email = ?1 AND u.password_hash <> '' AND (?2 = '' OR u.connection = ?2) "
                       "ORDER BY (SELECT c.strategy <> 'auth0' FROM connections c WHERE c.name = u.connection), "
                       "u.user_id")
                          .c_str());
    st.bind(1, email).bind(2, connection_name);
    while (st.step()) out.push_back(user_from_row(st));
    return out;
}

bool store::email_taken(const std::string& connection_name, const std::string& email,
                        const std::string& except_user_id) {
    const std::lock_guard lock(mutex_);
    return email_taken_locked(connection_name, email, except_user_id);
}

bool store::email_taken_locked(const std::string& connection_name, const std::string& email,
                               const std::string& except_user_id) {
    if (email.empty()) return false;
    statement st(db_, "SELECT 1 FROM users WHERE connection = ?1 AND email = ?2 AND user_id <> ?3");
    st.bind(1, connection_name).bind(2, email).bind(3, except_user_id);
    return st.step();
}

std::optional<user_record> store::update_user(const std::string& user_id,
                                              const std::function<bool(user_record&)>& change) {
    const std::lock_guard lock(mutex_);
    transaction tx(db_);
    auto u = find_user_locked(user_id);
    if (!u) return std::nullopt;
    const auto email_before = u->email;
    if (change(*u)) {
        if (u->email != email_before && email_taken_locked(u->connection, u->email, u->user_id)) {
            throw duplicate_email("The specified new email already exists");
        }
        write_user(*u, false);
        tx.commit();
    }
    return u;
}

bool store::delete_user(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    statement st(db_, "DELETE FROM users WHERE user_id = ?1");
    st.bind(1, user_id);
    st.step();
    return sqlite3_changes(db_) > 0;
}

std::size_t store::user_count() {
    const std::lock_guard lock(mutex_);
    statement st(db_, "SELECT COUNT(*) FROM users");
    st.step();
    return static_cast<std::size_t>(st.integer(0));
}

}  // namespace profiledesk::localtenant
