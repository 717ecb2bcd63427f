#include "config/app_config.hpp"

#include "http/url.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

namespace profiledesk::config {
namespace {

using env_map = std::map<std::string, std::string>;

constexpr std::size_t min_secret_size = 32;
// A session longer than a year is a configuration mistake, and the bound keeps
// time arithmetic far from overflow.
constexpr long long max_timeout_seconds = 365LL * 24 * 60 * 60;
constexpr std::size_t max_quoted_value = 100;

const char* const secret_example = "SECRET=$(openssl rand -hex 32)";

// A value quoted for a problem line: control characters replaced, cut short,
// so the line is safe for a terminal or a log (never called for secrets).
std::string shown(std::string_view value) {
    std::string out = "'";
    for (std::size_t i = 0; i < value.size() && i < max_quoted_value; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    }
    if (value.size() > max_quoted_value) out += "...";
    return out + "'";
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string without_trailing_slashes(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// A set, non-empty variable.
std::optional<std::string> get(const env_map& env, const std::string& name) {
    const auto it = env.find(name);
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

bool is_local_host(const std::string& host) { return host == "localhost" || host == "127.0.0.1" || host == "::1"; }

bool has_space_or_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// An absolute http(s) URL, https unless on this machine; nullopt after adding
// a problem line. `origin_only` refuses any path or query (BASE_URL).
std::optional<http::absolute_url> check_url(const std::string& name, const std::string& value, bool origin_only,
                                            const std::string& example, std::vector<std::string>& problems) {
    const auto fix = ": set it to " + example;
    if (has_space_or_control(value)) {
        problems.push_back(name + " contains spaces or control characters" + fix);
        return std::nullopt;
    }
    const auto url = http::parse_absolute_url(value);
    if (!url) {
        problems.push_back(name + " " + shown(value) + " is not an absolute http(s) URL" + fix);
        return std::nullopt;
    }
    if (value.find('?') != std::string::npos || value.find('#') != std::string::npos) {
        problems.push_back(name + " " + shown(value) + " must not have a query or fragment" + fix);
        return std::nullopt;
    }
    if (origin_only && url->target != "/") {
        problems.push_back(name + " " + shown(value) + " must be scheme://host[:port] without a path" + fix);
        return std::nullopt;
    }
    if (url->scheme != "https" && !is_local_host(url->host)) {
        problems.push_back(name + " " + shown(value) +
                           " must use https (plain http only for localhost, 127.0.0.1 or ::1)" + fix);
        return std::nullopt;
    }
    return url;
}

// SECRET values people paste from samples instead of generating one.
bool looks_like_placeholder(const std::string& secret) {
    static const char* const words[] = {"changeme",    "change_me",   "change-me",     "change this",   "replace",
                                        "placeholder", "your_secret", "your-secret",   "yoursecret",    "your secret",
                                        "long_random", "long random", "random_string", "random-string", "random string",
                                        "example",     "secret_here", "xxxxxxxx"};
    const auto l = lower(secret);
    for (const char* w : words) {
        if (l.find(w) != std::string::npos) return true;
    }
    // "aaaa...", "12341234...": too few distinct characters to be random.
    const std::set<char> distinct(secret.begin(), secret.end());
    return distinct.size() < 10;
}

std::optional<long long> parse_positive(const std::string& text) {
    if (text.empty() || text.size() > 12 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    const long long v = std::stoll(text);
    if (v <= 0) return std::nullopt;
    return v;
}

std::optional<std::chrono::seconds> check_timeout(const env_map& env, const std::string& name,
                                                  std::chrono::seconds fallback, std::vector<std::string>& problems) {
    const auto value = get(env, name);
    if (!value) return fallback;
    const auto n = parse_positive(*value);
    if (!n || *n > max_timeout_seconds) {
        problems.push_back(name + " must be a whole number of seconds from 1 to " +
                           std::to_string(max_timeout_seconds) + ", e.g. " + name + "=" +
                           std::to_string(fallback.count()) + " (got " + shown(*value) + ")");
        return std::nullopt;
    }
    return std::chrono::seconds{*n};
}

void check_readable_file(const std::string& name, const std::string& path, const std::string& what,
                         std::vector<std::string>& problems) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !std::ifstream(path)) {
        problems.push_back(name + " " + shown(path) + " is not a readable file: set it to the path of " + what +
                           ", or leave it unset");
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool valid_key(std::string_view key) {
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
    return std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// After a closing quote only blanks or a comment may follow.
bool only_comment_left(std::string_view rest) {
    rest = trim(rest);
    return rest.empty() || rest.front() == '#';
}

}  // namespace

bool app_config::https() const {
    const auto url = http::parse_absolute_url(base_url);
    return url && url->scheme == "https";
}

std::string app_config::origin() const {
    const auto url = http::parse_absolute_url(base_url);
    return url ? url->origin() : std::string();
}

config_result load_config(const env_map& env) {
    config_result result;
    app_config& c = result.config;
    auto& problems = result.problems;

    // ISSUER_BASE_URL
    if (const auto issuer = get(env, "ISSUER_BASE_URL")) {
        if (check_url("ISSUER_BASE_URL", *issuer, false,
                      "your tenant's URL, e.g. ISSUER_BASE_URL=https://example.eu.auth0.com", problems)) {
            c.issuer_base_url = without_trailing_slashes(*issuer);
        }
    } else {
        problems.push_back(
            "ISSUER_BASE_URL is missing: set it to your tenant's URL, e.g. ISSUER_BASE_URL=https://example.eu.auth0.com "
            "(scripts/run starts the local tenant when it is unset)");
    }

    // CLIENT_ID, CLIENT_SECRET
    if (const auto id = get(env, "CLIENT_ID")) {
        c.client_id = *id;
    } else {
        problems.push_back(
            "CLIENT_ID is missing: set it to your application's client ID from the provider's dashboard, "
            "e.g. CLIENT_ID=Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0");
    }
    if (const auto secret = get(env, "CLIENT_SECRET")) {
        c.client_secret = *secret;
    } else {
        problems.push_back(
            "CLIENT_SECRET is missing: set it to your application's client secret from the provider's "
            "dashboard, e.g. CLIENT_SECRET=<the secret shown next to the client ID>");
    }

    // BASE_URL
    if (const auto base = get(env, "BASE_URL")) {
        if (check_url("BASE_URL", *base, true, "this server's public URL, e.g. BASE_URL=https://profile.example.com",
                      problems)) {
            c.base_url = without_trailing_slashes(*base);
        }
    }

    // SECRET (its value never appears in a problem line, not even its length)
    if (const auto secret = get(env, "SECRET")) {
        if (secret->size() < min_secret_size) {
            problems.push_back(std::string("SECRET is shorter than 32 bytes: set it to a long random value, e.g. ") +
                               secret_example);
        } else if (looks_like_placeholder(*secret)) {
            problems.push_back(std::string("SECRET looks like a placeholder, not a random value: generate one, e.g. ") +
                               secret_example);
        } else {
            c.secret = *secret;
        }
    } else {
        problems.push_back(std::string("SECRET is missing: set it to 32 or more random bytes, e.g. ") + secret_example);
    }

    // MGMT_CLIENT_ID, MGMT_CLIENT_SECRET: both or neither.
    const auto mgmt_id = get(env, "MGMT_CLIENT_ID");
    const auto mgmt_secret = get(env, "MGMT_CLIENT_SECRET");
    if (mgmt_id && !mgmt_secret) {
        problems.push_back(
            "MGMT_CLIENT_SECRET is missing while MGMT_CLIENT_ID is set: set the machine-to-machine "
            "app's secret too, e.g. MGMT_CLIENT_SECRET=<its client secret>, or unset both to use "
            "CLIENT_ID and CLIENT_SECRET");
    } else if (mgmt_secret && !mgmt_id) {
        problems.push_back(
            "MGMT_CLIENT_ID is missing while MGMT_CLIENT_SECRET is set: set the machine-to-machine "
            "app's client ID too, e.g. MGMT_CLIENT_ID=Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0, or unset both "
            "to use CLIENT_ID and CLIENT_SECRET");
    }
    c.mgmt_client_id = mgmt_id.value_or(c.client_id);
    c.mgmt_client_secret = mgmt_secret.value_or(c.client_secret);

    // MGMT_AUDIENCE: an identifier, often but not necessarily a URL.
    if (const auto audience = get(env, "MGMT_AUDIENCE")) {
        if (has_space_or_control(*audience)) {
            problems.push_back(
                "MGMT_AUDIENCE contains spaces or control characters: set it to the Management API's "
                "identifier, e.g. MGMT_AUDIENCE=https://example.eu.auth0.com/api/v2/");
        } else {
            c.mgmt_audience = *audience;
        }
    } else if (!c.issuer_base_url.empty()) {
        c.mgmt_audience = c.issuer_base_url + "/api/v2/";
    }

    // CA_FILE, PROFILE_SCHEMA
    if (const auto ca = get(env, "CA_FILE")) {
        check_readable_file("CA_FILE", *ca,
                            "a PEM file of trusted CA certificates, e.g. CA_FILE=/etc/ssl/private-ca.pem", problems);
        c.ca_file = *ca;
    }
    if (const auto schema = get(env, "PROFILE_SCHEMA")) {
        check_readable_file("PROFILE_SCHEMA", *schema, "a field schema JSON file, e.g. PROFILE_SCHEMA=./schema.json",
                            problems);
        c.profile_schema = *schema;
    }

    // PROFILE_SYNC_OFF_CONNECTIONS, PROFILE_CACHE_TTL_MS
    if (const auto list = get(env, "PROFILE_SYNC_OFF_CONNECTIONS")) {
        std::size_t start = 0;
        while (start <= list->size()) {
            const auto comma = list->find(',', start);
            auto name = list->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty()) c.sync_off_connections.push_back(name);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    if (const auto ttl = get(env, "PROFILE_CACHE_TTL_MS")) {
        const auto n = *ttl == "0" ? std::optional<long long>(0) : parse_positive(*ttl);
        if (!n || *n > 60 * 60 * 1000) {
            problems.push_back(
                "PROFILE_CACHE_TTL_MS must be milliseconds from 0 to 3600000, e.g. PROFILE_CACHE_TTL_MS=5000 (got " +
                shown(*ttl) + ")");
        } else {
            c.profile_cache_ttl = std::chrono::milliseconds(*n);
        }
    }

    // SIGN_IN_PER_MINUTE, GLYPH_REQUESTS_PER_MINUTE, TRUSTED_PROXIES, PICTURE_REQUESTS_PER_MINUTE
    const auto read_count = [&](const char* name, unsigned max, const char* example, unsigned& out) {
        const auto v = get(env, name);
        if (!v) return;
        const auto n = *v == "0" ? std::optional<long long>(0) : parse_positive(*v);
        if (!n || *n > max) {
            problems.push_back(std::string(name) + " must be a number from 0 to " + std::to_string(max) + ", e.g. " +
                               example + " (got " + shown(*v) + ")");
        } else {
            out = static_cast<unsigned>(*n);
        }
    };
    read_count("SIGN_IN_PER_MINUTE", 100000, "SIGN_IN_PER_MINUTE=30", c.sign_in_per_minute);
    read_count("GLYPH_REQUESTS_PER_MINUTE", 100000, "GLYPH_REQUESTS_PER_MINUTE=120", c.glyph_requests_per_minute);
    read_count("TRUSTED_PROXIES", 10, "TRUSTED_PROXIES=1", c.trusted_proxies);
    read_count("PICTURE_REQUESTS_PER_MINUTE", 100000, "PICTURE_REQUESTS_PER_MINUTE=60", c.picture_requests_per_minute);
    read_count("PROFILE_WRITES_PER_MINUTE", 100000, "PROFILE_WRITES_PER_MINUTE=30", c.profile_writes_per_minute);
    if (const auto v = get(env, "MAX_SESSIONS_PER_USER")) {
        const auto n = parse_positive(*v);
        if (!n || *n > 1000) {
            problems.push_back(
                "MAX_SESSIONS_PER_USER must be a number from 1 to 1000, e.g. MAX_SESSIONS_PER_USER=20 (got " +
                shown(*v) + ")");
        } else {
            c.max_sessions_per_user = static_cast<unsigned>(*n);
        }
    }

    // MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT
    const auto read_cap = [&](const char* name, const char* example, unsigned& out) {
        const auto v = get(env, name);
        if (!v) return;
        const auto n = parse_positive(*v);
        if (!n || *n > 1000000) {
            problems.push_back(std::string(name) + " must be a number from 1 to 1000000, e.g. " + example + " (got " +
                               shown(*v) + ")");
        } else {
            out = static_cast<unsigned>(*n);
        }
    };
    read_cap("MAX_CONNECTIONS", "MAX_CONNECTIONS=10000", c.max_connections);
    // Behind trusted proxies every connection comes from a proxy: the proxies
    // are the clients then, and a per-client cap would starve them all.
    if (c.trusted_proxies > 0) c.max_connections_per_client = 0;
    read_cap("MAX_CONNECTIONS_PER_CLIENT", "MAX_CONNECTIONS_PER_CLIENT=64", c.max_connections_per_client);

    if (const auto v = get(env, "LOG_LEVEL")) {
        if (const auto l = log::parse_level(*v)) {
            c.log_level = *l;
        } else {
            problems.push_back("LOG_LEVEL must be debug, info, warn or error, e.g. LOG_LEVEL=info (got " + shown(*v) +
                               ")");
        }
    }
    if (const auto v = get(env, "LOG_FORMAT")) {
        c.log_format = log::parse_format(*v);
        if (!c.log_format) {
            problems.push_back("LOG_FORMAT must be json or text, e.g. LOG_FORMAT=json (got " + shown(*v) + ")");
        }
    }

    if (const auto allow = get(env, "PICTURE_ALLOW_PRIVATE_ADDRESSES")) {
        if (*allow == "true" || *allow == "1") {
            c.picture_allow_private_addresses = true;
        } else if (*allow != "false" && *allow != "0") {
            problems.push_back(
                "PICTURE_ALLOW_PRIVATE_ADDRESSES must be true or false, e.g. "
                "PICTURE_ALLOW_PRIVATE_ADDRESSES=false (got " +
                shown(*allow) + ")");
        }
    }

    if (const auto age = get(env, "JWKS_MAX_AGE")) {
        const auto n = parse_positive(*age);
        if (!n || *n > 24 * 60 * 60) {
            problems.push_back("JWKS_MAX_AGE must be seconds from 1 to 86400, e.g. JWKS_MAX_AGE=600 (got " +
                               shown(*age) + ")");
        } else {
            c.jwks_max_age = std::chrono::seconds(*n);
        }
    }

    // PORT
    if (const auto port = get(env, "PORT")) {
        const auto n = parse_positive(*port);
        if (!n || *n > 65535) {
            problems.push_back("PORT must be a number from 1 to 65535, e.g. PORT=8080 (got " + shown(*port) + ")");
        } else {
            c.port = static_cast<unsigned short>(*n);
        }
    }

    // SESSION_STORE (never quoted: a redis:// URL may carry a password)
    if (const auto store = get(env, "SESSION_STORE")) {
        if (*store == "memory") {
            c.session_store = *store;
        } else if (lower(*store).rfind("redis://", 0) == 0 || lower(*store).rfind("rediss://", 0) == 0) {
            problems.push_back(
                "SESSION_STORE: Redis is not available in this build: set SESSION_STORE=memory "
                "(sessions then live in this one process)");
        } else {
            problems.push_back("SESSION_STORE must be memory or redis://host:port, e.g. SESSION_STORE=memory");
        }
    }

    // SESSION_IDLE_TIMEOUT <= SESSION_ABSOLUTE_TIMEOUT
    const auto idle = check_timeout(env, "SESSION_IDLE_TIMEOUT", c.session_idle, problems);
    const auto absolute = check_timeout(env, "SESSION_ABSOLUTE_TIMEOUT", c.session_absolute, problems);
    if (idle && absolute) {
        if (*idle > *absolute) {
            problems.push_back("SESSION_IDLE_TIMEOUT (" + std::to_string(idle->count()) +
                               " s) is longer than SESSION_ABSOLUTE_TIMEOUT (" + std::to_string(absolute->count()) +
                               " s): make it shorter or equal, e.g. SESSION_IDLE_TIMEOUT=1800 "
                               "SESSION_ABSOLUTE_TIMEOUT=43200");
        } else {
            c.session_idle = *idle;
            c.session_absolute = *absolute;
        }
    }
    return result;
}

std::map<std::string, std::string> read_env_file(const std::string& path, std::vector<std::string>& problems) {
    env_map values;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return values;  // no .env is the normal case
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
        problems.push_back(path + ": cannot be read: make it a readable KEY=VALUE file, or remove it");
        return values;
    }

    std::map<std::string, std::size_t> first_line;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string_view text(line);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
        text = trim(text);
        if (text.empty() || text.front() == '#') continue;
        if (text.substr(0, 7) == "export " || text.substr(0, 7) == "export\t") text = trim(text.substr(7));

        const auto where = path + ":" + std::to_string(number) + ": ";
        const auto eq = text.find('=');
        const auto key = trim(text.substr(0, eq));
        if (eq == std::string_view::npos || !valid_key(key)) {
            problems.push_back(where + "expected KEY=VALUE with KEY made of letters, digits and _, e.g. PORT=8080");
            continue;
        }
        auto raw = trim(text.substr(eq + 1));
        std::string value;
        bool ok = true;
        if (!raw.empty() && raw.front() == '"') {
            std::size_t i = 1;
            for (; i < raw.size() && raw[i] != '"'; ++i) {
                if (raw[i] == '\\' && i + 1 < raw.size()) {
                    const char next = raw[++i];
                    value += next == 'n' ? '\n' : next;
                } else {
                    value += raw[i];
                }
            }
            ok = i < raw.size() && only_comment_left(raw.substr(i + 1));
        } else if (!raw.empty() && raw.front() == '\'') {
            const auto close = raw.find('\'', 1);
            ok = close != std::string_view::npos && only_comment_left(raw.substr(close + 1));
            if (ok) value = std::string(raw.substr(1, close - 1));
        } else {
            // An unquoted value ends where a comment starts (" #"); a '#'
            // inside a value, as in a generated secret, stays.
            auto end = raw.size();
            for (std::size_t i = 1; i < raw.size(); ++i) {
                if (raw[i] == '#' && (raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
                    end = i;
                    break;
                }
            }
            value = std::string(trim(raw.substr(0, end)));
        }
        if (!ok) {
            problems.push_back(where + std::string(key) +
                               ": the quoted value is not closed on its line (or text follows the closing quote): "
                               "e.g. " +
                               std::string(key) + "=\"value\"");
            continue;
        }
        const auto [it, inserted] = first_line.emplace(std::string(key), number);
        if (!inserted) {
            problems.push_back(where + std::string(key) + " is set again (first on line " + std::to_string(it->second) +
                               "): keep one of the two");
            continue;
        }
        values[std::string(key)] = std::move(value);
    }
    return values;
}

std::map<std::string, std::string> merge_env(const std::map<std::string, std::string>& process_env,
                                             const std::map<std::string, std::string>& file_env) {
    env_map merged = file_env;
    // An empty variable counts as unset (as in load_config and scripts/run),
    // so an exported-but-empty one does not hide the file's value.
    for (const auto& [key, value] : process_env) {
        if (!value.empty() || merged.count(key) == 0) merged[key] = value;
    }
    return merged;
}

}  // namespace profiledesk::config
