// profiledesk's settings: one struct, read from the environment and an
// optional .env file, validated once at start-up. The variable names are
// those of Auth0's Node middleware, so an existing app's settings carry over
// (docs/architecture.md#contracts). What each field's setting means, its
// default and its rule are declared once, in settings_table.cpp; load_config
// fills every field from that table.
#pragma once

#include "log/log.hpp"
#include "mail/mail_url.hpp"
#include "profiledesk/core/color.hpp"
#include "redis/url.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::config {

struct app_config {
    // ---- the identity provider and this application ----
    std::string issuer_base_url;           // ISSUER_BASE_URL, without a trailing slash
    std::string client_id, client_secret;  // CLIENT_ID, CLIENT_SECRET
    std::string base_url;                  // BASE_URL, scheme://host[:port] without a trailing slash
    std::string secret;                    // SECRET
    std::chrono::seconds jwks_max_age{};   // JWKS_MAX_AGE
    std::string ca_file;                   // CA_FILE; empty = the system store

    // ---- the Management API ----
    std::string mgmt_client_id, mgmt_client_secret;  // MGMT_CLIENT_ID, MGMT_CLIENT_SECRET (default: CLIENT_*)
    std::string mgmt_audience;                       // MGMT_AUDIENCE (default: ISSUER_BASE_URL + "/api/v2/")
    unsigned mgmt_rate_limit = 0;                    // MGMT_RATE_LIMIT, requests per second for all instances
    unsigned mgmt_rate_burst = 0;                    // MGMT_RATE_BURST
    std::chrono::milliseconds profile_cache_ttl{};   // PROFILE_CACHE_TTL_MS; 0 disables

    // ---- profiles ----
    std::string profile_schema;                     // PROFILE_SCHEMA; empty = the built-in schema
    std::vector<std::string> sync_off_connections;  // PROFILE_SYNC_OFF_CONNECTIONS
    bool allow_account_deletion = false;            // ALLOW_ACCOUNT_DELETION: users may delete their account
    bool export_app_metadata = false;               // EXPORT_APP_METADATA: the data export holds app_metadata

    // ---- sessions and shared state ----
    // SESSION_STORE as given: "memory", or a redis:// / rediss:// URL (it may
    // hold a password: log session_store_shown(), never this).
    std::string session_store;
    std::optional<redis::redis_url> redis;                    // SESSION_STORE parsed; nullopt for "memory"
    std::string key_prefix;                                   // KEY_PREFIX
    std::chrono::milliseconds redis_timeout{};                // REDIS_TIMEOUT_MS: one Redis command's deadline
    std::chrono::seconds session_idle{}, session_absolute{};  // SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT
    unsigned max_sessions_per_user = 0;                       // MAX_SESSIONS_PER_USER

    // ---- budgets (a burst that refills over a minute; 0 = no limit) ----
    unsigned sign_in_per_minute = 0;           // SIGN_IN_PER_MINUTE, per client address
    unsigned glyph_requests_per_minute = 0;    // GLYPH_REQUESTS_PER_MINUTE, per client address
    unsigned picture_requests_per_minute = 0;  // PICTURE_REQUESTS_PER_MINUTE, per client address
    unsigned profile_writes_per_minute = 0;    // PROFILE_WRITES_PER_MINUTE, per signed-in user

    // ---- mail ----
    // MAIL_URL parsed; nullopt: unset, mail is off (routes that mail answer
    // 503 mail_unavailable). It may hold a password: log mail::redacted(*mail).
    std::optional<mail::mail_url> mail;
    std::string mail_from;    // MAIL_FROM, one plain address
    bool dev_outbox = false;  // DEV_OUTBOX: GET /dev/outbox lists the file: outbox

    // ---- branding ----
    std::string brand_name;                 // BRAND_NAME: the page's title, the header, the welcome panel
    std::string brand_logo;                 // BRAND_LOGO's path; empty = no logo
    std::string brand_logo_png;             // its bytes, read and checked once at start (served as /brand/logo.png)
    std::optional<core::rgb> brand_accent;  // BRAND_ACCENT; nullopt = core::default_accent
    std::string support_url;                // SUPPORT_URL; empty = no "Get help" links

    // ---- the network ----
    unsigned short port = 0;                       // PORT
    unsigned trusted_proxies = 0;                  // TRUSTED_PROXIES
    unsigned max_connections = 0;                  // MAX_CONNECTIONS; 0 = derived from the open-file limit
    unsigned max_connections_per_client = 0;       // MAX_CONNECTIONS_PER_CLIENT; 0 = no cap (behind proxies)
    bool picture_allow_private_addresses = false;  // PICTURE_ALLOW_PRIVATE_ADDRESSES
    std::string instance_id;                       // INSTANCE_ID; empty = no header naming the instance

    // ---- observability ----
    std::string metrics_address;              // METRICS_ADDRESS, host:port; empty = no metrics listener
    log::level log_level = log::level::info;  // LOG_LEVEL
    // LOG_FORMAT; unset: JSON unless stderr is a terminal (log::default_format)
    std::optional<log::format> log_format;

    // BASE_URL is https: Secure and __Host- cookies, HSTS.
    bool https() const;
    // BASE_URL's origin (RFC 6454), e.g. "https://desk.example.com" or
    // "http://localhost:8080": what a browser sends in Origin.
    std::string origin() const;
    // SESSION_STORE for a log line or a message: "memory", or the Redis URL
    // with its password replaced by "***".
    std::string session_store_shown() const;
};

struct config_result {
    app_config config;                  // meaningful only when problems is empty
    std::vector<std::string> problems;  // one line each: variable, what is wrong, an example
};

// Reads and validates every setting of settings_table.hpp. Empty values count
// as unset (except METRICS_ADDRESS, where empty turns the listener off).
// Problem lines never contain the value of a secret setting (CLIENT_SECRET,
// MGMT_CLIENT_SECRET, SECRET) nor SESSION_STORE's password; other values are
// quoted with control characters replaced and cut at 100 characters, so a
// line can go to a terminal or a log as is.
config_result load_config(const std::map<std::string, std::string>& env);

// A .env file: KEY=VALUE lines, blank lines and # comments, an optional
// `export ` prefix, values optionally in single or double quotes (inside
// double quotes \" and \\ are escapes); an unquoted value ends at " #".
// A missing file gives an empty map and no problem; an unreadable file, a
// malformed line, an unterminated quote or a key given twice add one problem
// line (with the line number, never the line's text: it may hold a secret).
std::map<std::string, std::string> read_env_file(const std::string& path, std::vector<std::string>& problems);

// The settings in effect: the real environment wins over the .env file (a
// variable set but empty in the environment leaves the file's value).
std::map<std::string, std::string> merge_env(const std::map<std::string, std::string>& process_env,
                                             const std::map<std::string, std::string>& file_env);

}  // namespace profiledesk::config
