// profiledesk's settings: one documented struct, read from the environment
// and an optional .env file, validated once at start-up. The variable names
// are those of Auth0's Node middleware, so an existing app's settings carry
// over (docs/architecture.md#contracts).
#pragma once

#include "log/log.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::config {

struct app_config {
    // ISSUER_BASE_URL (required): the OpenID provider, e.g. https://example.eu.auth0.com.
    // https unless the host is localhost, 127.0.0.1 or ::1. Stored without a
    // trailing slash, so issuer_base_url + "/.well-known/openid-configuration"
    // has exactly one. Discovery decides everything else: no Auth0 URL is built in.
    std::string issuer_base_url;

    // CLIENT_ID, CLIENT_SECRET (required): the regular web application this server signs in as.
    std::string client_id, client_secret;

    // BASE_URL: this server's public URL, scheme://host[:port] only (no path,
    // no query), stored without a trailing slash. Decides the callback URL,
    // our Origin for CSRF checks, and Secure/__Host- cookies (https()).
    std::string base_url = "http://localhost:8080";

    // SECRET (required, >= 32 bytes, not a placeholder): key material for the
    // sealed transaction cookie and anything else derived per purpose.
    std::string secret;

    // MGMT_CLIENT_ID, MGMT_CLIENT_SECRET: the machine-to-machine app for the
    // Management API. Default: CLIENT_ID, CLIENT_SECRET (set both or neither).
    std::string mgmt_client_id, mgmt_client_secret;

    // MGMT_AUDIENCE: default ISSUER_BASE_URL + "/api/v2/" (exactly one slash between).
    std::string mgmt_audience;

    // CA_FILE: the trust anchor file for upstream TLS (tests, private CAs)
    // instead of the system store (picture fetches trust both); empty = system
    // store. Must be readable when set.
    std::string ca_file;

    // PORT: where to listen, 1-65535.
    unsigned short port = 8080;

    // SESSION_STORE: "memory" (the embedded store), or redis://host:port
    // (refused for now: not available in this build).
    std::string session_store = "memory";

    // PROFILE_SCHEMA: path of a field schema file; empty = the built-in schema.
    // Must be readable when set.
    std::string profile_schema;

    // PROFILE_SYNC_OFF_CONNECTIONS: comma-separated names of social/enterprise
    // connections whose "Sync user profile attributes at each login" is off, so
    // their users may edit name, nickname, given/family name and picture.
    // Reading that setting from Auth0 needs read:connections; listing them here
    // keeps the M2M app's scopes to read:users and update:users. Default: none
    // (Auth0's own default is to sync at each login).
    std::vector<std::string> sync_off_connections;

    // JWKS_MAX_AGE (seconds): how long the provider's signing keys are cached
    // before they are fetched again (Auth0 advises 5 to 10 minutes).
    std::chrono::seconds jwks_max_age{600};

    // PROFILE_CACHE_TTL_MS: how long a fetched profile is served from memory
    // (milliseconds; 0 disables). Short: other writers are unseen meanwhile.
    std::chrono::milliseconds profile_cache_ttl{5000};

    // SIGN_IN_PER_MINUTE, GLYPH_REQUESTS_PER_MINUTE: each client address's
    // budget for /login + /callback (each costs a token-endpoint call) and for
    // /fonts/glyphs (each cuts fonts), as a burst that refills over a minute;
    // 0 turns the limit off. TRUSTED_PROXIES: how many reverse proxies stand
    // in front (each appends to X-Forwarded-For); 0 uses the peer address.
    unsigned sign_in_per_minute = 30;
    unsigned glyph_requests_per_minute = 120;
    unsigned trusted_proxies = 0;
    // PICTURE_REQUESTS_PER_MINUTE: the same for /api/profile/picture (each
    // may cost a users-API read and a fetch of the picture).
    unsigned picture_requests_per_minute = 60;

    // PROFILE_WRITES_PER_MINUTE: each signed-in user's budget for PATCH
    // /api/profile (keyed by the user, not the address), as a burst that
    // refills over a minute; 0 turns it off. A save costs Management API
    // calls, and the tenant's rate limit is shared by every user (2 requests/s
    // on a free tenant): one user looping saves must not spend it all.
    unsigned profile_writes_per_minute = 30;

    // MAX_SESSIONS_PER_USER (1-1000): sessions one user may hold; a sign-in
    // past it ends that user's oldest session, so nobody's sign-ins crowd
    // other users out of the bounded session store.
    unsigned max_sessions_per_user = 20;

    // MAX_CONNECTIONS: open connections at most; past it a new connection
    // takes the place of the one idle the longest, or is refused when none is
    // idle. 0 (unset): derived from the open-file limit (below it by 128, at
    // most 10000), so a flood never runs the process out of descriptors.
    // MAX_CONNECTIONS_PER_CLIENT: the same per client address (IPv6 by its
    // /64), so one client cannot take them all (a browser opens about six);
    // unset behind TRUSTED_PROXIES, it is 0: no per-client cap (the proxies are
    // the clients, and the proxy in front caps its own clients).
    unsigned max_connections = 0;
    unsigned max_connections_per_client = 64;

    // PICTURE_ALLOW_PRIVATE_ADDRESSES (true/false): lets the picture fetch
    // reach loopback and private networks, on any port. Only for development
    // and tests (pictures served on 127.0.0.1): it opens a user-set URL onto
    // our network.
    bool picture_allow_private_addresses = false;

    // SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT (seconds): a session ends
    // after this long unused, and this long after sign-in whatever happens
    // (ASVS v4 3.3.2 level 2 defaults: 30 minutes, 12 hours). Positive, idle <= absolute.
    std::chrono::seconds session_idle{1800}, session_absolute{43200};

    // LOG_LEVEL (debug, info, warn, error): the least severe lines written.
    // LOG_FORMAT (json, text): one JSON object per line, or readable lines;
    // unset, JSON unless stderr is a terminal (log/log.hpp).
    log::level log_level = log::level::info;
    std::optional<log::format> log_format;

    // BASE_URL is https: Secure and __Host- cookies, HSTS.
    bool https() const;
    // BASE_URL's origin (RFC 6454), e.g. "https://desk.example.com" or
    // "http://localhost:8080": what a browser sends in Origin.
    std::string origin() const;
};

struct config_result {
    app_config config;                  // meaningful only when problems is empty
    std::vector<std::string> problems;  // one line each: variable, what is wrong, an example
};

// Reads and validates every setting. Empty values count as unset. Problem
// lines never contain the value of CLIENT_SECRET, MGMT_CLIENT_SECRET or SECRET;
// other values are quoted with control characters replaced and cut at 100
// characters, so a line can go to a terminal or a log as is.
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
