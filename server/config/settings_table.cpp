#include "config/settings_table.hpp"

#include "api/image_type.hpp"
#include "config/app_config.hpp"
#include "config/secret_check.hpp"
#include "http/listen_address.hpp"
#include "http/url.hpp"
#include "log/log.hpp"
#include "mail/mail_url.hpp"
#include "mail/message_builder.hpp"
#include "profiledesk/core/color.hpp"
#include "profiledesk/core/theme.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <type_traits>

namespace profiledesk::config {
namespace {

constexpr std::size_t max_quoted_value = 100;

// A session longer than a year is a configuration mistake, and the bound keeps
// time arithmetic far from overflow.
constexpr long long max_timeout_seconds = 365LL * 24 * 60 * 60;

// Budgets per minute: more than 100000 a minute is no limit at all.
constexpr long long max_per_minute = 100000;

// The groups, in the order the documentation lists them.
const char* const provider = "Identity provider and this application";
const char* const management = "Management API";
const char* const profiles = "Profiles";
const char* const branding = "Branding";
const char* const sessions = "Sessions and shared state (Redis)";
const char* const budgets = "Budgets";
const char* const mail_group = "Mail";
const char* const network = "Network";
const char* const observability = "Observability";

std::string without_trailing_slashes(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

bool is_local_host(const std::string& host) { return host == "localhost" || host == "127.0.0.1" || host == "::1"; }

bool has_space_or_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// Digits only, at most 12 of them (far below overflow); nullopt otherwise.
std::optional<long long> parse_whole(const std::string& text) {
    if (text.empty() || text.size() > 12 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    return std::stoll(text);
}

// ", e.g. NAME=example": how every problem line ends its advice.
std::string eg(const setting& s) { return ", e.g. " + s.name + "=" + s.example; }

// The pieces of an entry that are not its parser.
struct about {
    const char* name;
    const char* group;
    const char* meaning;
    const char* example;
    const char* hint;
};

setting describe(const about& a, std::string type, std::string rule) {
    setting s;
    s.name = a.name;
    s.group = a.group;
    s.meaning = a.meaning;
    s.example = a.example;
    s.hint = a.hint;
    s.type = std::move(type);
    s.rule = std::move(rule);
    return s;
}

setting with_default(setting s, std::string value) {
    s.default_value = std::move(value);
    return s;
}

setting derived_default(setting s, std::string text) {
    s.default_text = std::move(text);
    return s;
}

setting required(setting s) {
    s.required = true;
    return s;
}

// ---- the typed parsers: each builds an entry's `read` ----

// Any text without spaces or control characters (identifiers, audiences).
setting text(const about& a, std::string app_config::*field, bool secret = false) {
    auto s = describe(a, secret ? "secret" : "text", "no spaces or control characters");
    s.secret = secret;
    s.read = [s, field](const std::string& value, app_config& c) -> std::string {
        if (has_space_or_control(value)) {
            return s.name + " contains spaces or control characters: set it to " + s.hint + eg(s);
        }
        c.*field = value;
        return "";
    };
    return s;
}

// 1 to `max_size` of letters, digits and `extra` (names that go into headers and keys).
setting token(const about& a, std::string app_config::*field, std::size_t max_size, const std::string& extra) {
    std::string extras;
    for (const char x : extra) extras += std::string(extras.empty() ? "" : " ") + x;
    const auto rule = "1 to " + std::to_string(max_size) + " letters, digits or " + extras;
    auto s = describe(a, "name", rule);
    s.read = [s, field, max_size, extra](const std::string& value, app_config& c) -> std::string {
        const bool ok = value.size() <= max_size && std::all_of(value.begin(), value.end(), [&](unsigned char ch) {
                            return std::isalnum(ch) || extra.find(static_cast<char>(ch)) != std::string::npos;
                        });
        if (!ok) return s.name + " must be " + s.rule + eg(s) + " (got " + shown(value) + ")";
        c.*field = value;
        return "";
    };
    return s;
}

enum class url_kind { any_path, origin_only };

// An absolute http(s) URL, https unless on this machine; stored without
// trailing slashes.
setting url(const about& a, std::string app_config::*field, url_kind kind) {
    auto s = describe(a, "URL",
                      std::string(kind == url_kind::origin_only ? "scheme://host[:port], no path; " : "") +
                          "https (http only for localhost, 127.0.0.1 or ::1), no query");
    s.read = [s, field, kind](const std::string& value, app_config& c) -> std::string {
        const auto fix = ": set it to " + s.hint + eg(s);
        if (has_space_or_control(value)) return s.name + " contains spaces or control characters" + fix;
        // The value reaches JSON (the page's island): UTF-8 only.
        if (!core::is_valid_utf8(value)) return s.name + " is not valid UTF-8: save the file as UTF-8" + eg(s);
        const auto u = http::parse_absolute_url(value);
        if (!u) return s.name + " " + shown(value) + " is not an absolute http(s) URL" + fix;
        if (value.find('?') != std::string::npos || value.find('#') != std::string::npos) {
            return s.name + " " + shown(value) + " must not have a query or fragment" + fix;
        }
        if (kind == url_kind::origin_only && u->target != "/") {
            return s.name + " " + shown(value) + " must be scheme://host[:port] without a path" + fix;
        }
        if (u->scheme != "https" && !is_local_host(u->host)) {
            return s.name + " " + shown(value) + " must use https (plain http only for localhost, 127.0.0.1 or ::1)" +
                   fix;
        }
        // The scheme in lowercase ("HTTPS://" is the same URL): the app and
        // the page compare it so.
        std::string stored = without_trailing_slashes(value);
        const auto colon = stored.find(':');
        std::transform(stored.begin(), stored.begin() + static_cast<std::ptrdiff_t>(colon), stored.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        c.*field = std::move(stored);
        return "";
    };
    return s;
}

// How a whole number is stored: a count, or a duration in its unit.
template <class Field>
void store(Field& f, long long n) {
    if constexpr (std::is_arithmetic_v<Field>) {
        f = static_cast<Field>(n);
    } else {
        f = Field(n);
    }
}

// A whole number from `min` to `max`; `unit` names it for people ("seconds", "number").
template <class Field>
setting number(const about& a, Field app_config::*field, long long min, long long max, const std::string& unit) {
    const auto range = std::to_string(min) + " to " + std::to_string(max);
    auto s = describe(a, unit, range);
    const bool duration = unit == "seconds" || unit == "milliseconds";
    const auto what = duration ? "a whole number of " + unit : std::string("a number");
    s.read = [s, field, min, max, what](const std::string& value, app_config& c) -> std::string {
        const auto n = parse_whole(value);
        if (!n || *n < min || *n > max) {
            return s.name + " must be " + what + " from " + std::to_string(min) + " to " + std::to_string(max) + eg(s) +
                   " (got " + shown(value) + ")";
        }
        store(c.*field, *n);
        return "";
    };
    return s;
}

setting boolean(const about& a, bool app_config::*field) {
    auto s = describe(a, "true or false", "true, false, 1 or 0");
    s.read = [s, field](const std::string& value, app_config& c) -> std::string {
        if (value == "true" || value == "1") {
            c.*field = true;
        } else if (value == "false" || value == "0") {
            c.*field = false;
        } else {
            return s.name + " must be true or false" + eg(s) + " (got " + shown(value) + ")";
        }
        return "";
    };
    return s;
}

// "a, b or c": how a rule lists words.
std::string listed(const std::vector<std::string>& words) {
    std::string rule;
    for (std::size_t i = 0; i < words.size(); ++i) {
        rule += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    }
    return rule;
}

// One of a few words that `parse` (the module that uses the value) turns into
// its type: that parser is the one rule; `words` only tells people its words.
template <class Field, class Value>
setting parsed_choice(const about& a, Field app_config::*field, std::vector<std::string> words,
                      std::optional<Value> (*parse)(std::string_view)) {
    auto s = describe(a, "one of", listed(words));
    s.read = [s, field, parse](const std::string& value, app_config& c) -> std::string {
        const auto parsed = parse(value);
        if (!parsed) return s.name + " must be " + s.rule + eg(s) + " (got " + shown(value) + ")";
        c.*field = *parsed;
        return "";
    };
    return s;
}

// The path of a file that must be readable at start.
setting file(const about& a, std::string app_config::*field) {
    auto s = describe(a, "path", "a readable file");
    s.read = [s, field](const std::string& path, app_config& c) -> std::string {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec) || !std::ifstream(path)) {
            return s.name + " " + shown(path) + " is not a readable file: set it to the path of " + s.hint + eg(s) +
                   ", or leave it unset";
        }
        c.*field = path;
        return "";
    };
    return s;
}

// Comma-separated names; blanks around them are dropped.
setting list(const about& a, std::vector<std::string> app_config::*field) {
    auto s = describe(a, "list", "names separated by commas");
    s.read = [field](const std::string& value, app_config& c) -> std::string {
        auto& out = c.*field;
        out.clear();
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = value.find(',', start);
            auto name = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty()) out.push_back(name);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        return "";
    };
    return s;
}

// IP:port ([IPv6]:port), port 0 for any free one; or empty for off. An IP
// address, not a name: what to listen on must not depend on a resolver.
setting listen_address(const about& a, std::string app_config::*field) {
    auto s = describe(a, "IP:port",
                      "an IP address and a port 0-65535 ([::1]:9464 for IPv6; 0: any free port), or empty");
    s.empty_is_value = true;
    s.read = [s, field](const std::string& value, app_config& c) -> std::string {
        // The parser main.cpp binds with: what passes here is what it listens on.
        if (!value.empty() && !http::parse_listen_address(value)) {
            return s.name + " must be an IP address and a port, or empty for off" + eg(s) + " or [::1]:9464 (got " +
                   shown(value) + ")";
        }
        c.*field = value;
        return "";
    };
    return s;
}

// A name people read (BRAND_NAME): 1 to `max_chars` characters of UTF-8 on
// one line, not only blanks. Quoted in problem lines like any other value.
setting display_name(const about& a, std::string app_config::*field, std::size_t max_chars) {
    auto s = describe(a, "text", "1 to " + std::to_string(max_chars) + " characters of UTF-8, on one line");
    s.read = [s, field, max_chars](const std::string& value, app_config& c) -> std::string {
        if (!core::is_valid_utf8(value)) return s.name + " is not valid UTF-8: save the file as UTF-8" + eg(s);
        const auto decoded = *core::decode_utf8(value);
        // C0, DEL, C1 and the Unicode line and paragraph separators: a name is one line.
        const bool breaks = std::any_of(decoded.begin(), decoded.end(), [](char32_t cp) {
            return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
        });
        if (breaks)
            return s.name + " must be one line without control characters" + eg(s) + " (got " + shown(value) + ")";
        const bool blank = std::all_of(decoded.begin(), decoded.end(), [](char32_t cp) { return cp == ' '; });
        if (decoded.empty() || blank || decoded.size() > max_chars) {
            return s.name + " must be " + s.rule + eg(s) + " (got " + std::to_string(decoded.size()) + " characters)";
        }
        c.*field = value;
        return "";
    };
    return s;
}

// A PNG image read once at start (BRAND_LOGO): what the browser gets is what
// was checked here, however the file changes later.
constexpr std::size_t max_logo_bytes = 512 * 1024;
constexpr unsigned max_logo_side = 4096;

setting png_file(const about& a, std::string app_config::*path_field, std::string app_config::*bytes_field) {
    auto s = describe(a, "path",
                      "a PNG file of at most 512 KiB, at most " + std::to_string(max_logo_side) + " pixels a side");
    s.read = [s, path_field, bytes_field](const std::string& path, app_config& c) -> std::string {
        const auto fix = ": set it to the path of " + s.hint + eg(s) + ", or leave it unset";
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        std::ifstream in(path, std::ios::binary);
        if (ec || !std::filesystem::is_regular_file(path, ec) || !in) {
            return s.name + " " + shown(path) + " is not a readable file" + fix;
        }
        if (size > max_logo_bytes) {
            return s.name + " " + shown(path) + " is " + std::to_string(size / 1024) + " KiB, more than 512 KiB" + fix;
        }
        std::string bytes(static_cast<std::size_t>(size), '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (static_cast<std::size_t>(in.gcount()) != bytes.size()) {
            return s.name + " " + shown(path) + " could not be read whole" + fix;
        }
        if (api::image_media_type(bytes) != std::optional<std::string_view>("image/png")) {
            return s.name + " " + shown(path) + " is not a PNG image" + fix;
        }
        // The first chunk of a PNG is IHDR: width and height, big-endian, at bytes 16 and 20.
        const auto be32 = [&bytes](std::size_t at) {
            std::uint32_t v = 0;
            for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
            return v;
        };
        if (bytes.size() < 24 || bytes.compare(12, 4, "IHDR") != 0) {
            return s.name + " " + shown(path) + " is a damaged PNG (no IHDR chunk first)" + fix;
        }
        const auto width = be32(16), height = be32(20);
        if (width == 0 || height == 0 || width > max_logo_side || height > max_logo_side) {
            return s.name + " " + shown(path) + " is " + std::to_string(width) + "x" + std::to_string(height) +
                   " pixels: each side must be 1 to " + std::to_string(max_logo_side) + fix;
        }
        c.*path_field = path;
        c.*bytes_field = std::move(bytes);
        return "";
    };
    return s;
}

// A colour as #rrggbb (core::parse_hex_color: the one parser the app shares).
setting hex_color(const about& a, std::optional<core::rgb> app_config::*field) {
    auto s = describe(a, "colour", "#rrggbb, six hexadecimal digits");
    s.read = [s, field](const std::string& value, app_config& c) -> std::string {
        const auto colour = core::parse_hex_color(value);
        if (!colour) return s.name + " must be a colour as #rrggbb" + eg(s) + " (got " + shown(value) + ")";
        c.*field = *colour;
        return "";
    };
    return s;
}

// SECRET: long and random. Its value never appears, not even its length.
setting secret_key(const about& a) {
    auto s = describe(a, "secret", "32 or more bytes, random (not a placeholder)");
    s.secret = true;
    s.read = [s](const std::string& value, app_config& c) -> std::string {
        if (value.size() < min_secret_size) {
            return s.name + " is shorter than 32 bytes: set it to a long random value" + eg(s);
        }
        if (looks_like_placeholder(value)) {
            return s.name + " looks like a placeholder, not a random value: generate one" + eg(s);
        }
        c.secret = value;
        return "";
    };
    return s;
}

// SESSION_STORE: memory or a Redis URL. Never quoted: the URL may carry a password.
setting session_store(const about& a) {
    auto s = describe(a, "memory or URL",
                      "memory, or redis://[[user]:password@]host[:port][/db] (rediss:// for TLS; db 0-15)");
    s.secret = true;  // only the password is, but the whole value is never echoed
    s.read = [s](const std::string& value, app_config& c) -> std::string {
        if (value == "memory") {
            c.session_store = value;
            c.redis.reset();
            return "";
        }
        if (value.rfind("redis://", 0) != 0 && value.rfind("rediss://", 0) != 0) {
            return s.name + " must be memory or a redis:// or rediss:// URL" + eg(s);
        }
        std::string error;  // never repeats the password (redis/url.hpp)
        auto parsed = redis::parse_redis_url(value, error);
        if (!parsed) return s.name + " " + error + eg(s);
        c.redis = std::move(parsed);
        c.session_store = value;
        return "";
    };
    return s;
}

// MAIL_URL: smtp://, smtps:// or file:. Never quoted: the URL may carry a password.
setting mail_url(const about& a) {
    auto s = describe(a, "URL", "smtp://[user:password@]host[:port], smtps://... or file:DIR");
    s.secret = true;  // only the password is, but the whole value is never echoed
    s.read = [s](const std::string& value, app_config& c) -> std::string {
        std::string error;  // never repeats the URL (mail/mail_url.hpp)
        auto parsed = mail::parse_mail_url(value, error);
        if (!parsed) return s.name + " " + error + eg(s);
        c.mail = std::move(parsed);
        return "";
    };
    return s;
}

// MAIL_FROM: the one address mail comes from (the message builder's rule).
setting mail_address(const about& a, std::string app_config::*field) {
    auto s = describe(a, "address", "one plain address, local@domain.tld, ASCII");
    s.read = [s, field](const std::string& value, app_config& c) -> std::string {
        if (!mail::is_single_address(value)) {
            return s.name + " must be one plain address (no name, no <>)" + eg(s) + " (got " + shown(value) + ")";
        }
        c.*field = value;
        return "";
    };
    return s;
}

std::vector<setting> make_table() {
    std::vector<setting> t;

    // ---- identity provider and this application ----
    t.push_back(required(url({"ISSUER_BASE_URL", provider,
                              "The OpenID provider (your Auth0 tenant). Discovery is read from it, so any conformant "
                              "provider works. Unset, `scripts/run` starts the local tenant instead.",
                              "https://example.eu.auth0.com", "your tenant's URL"},
                             &app_config::issuer_base_url, url_kind::any_path)));
    t.push_back(required(
        text({"CLIENT_ID", provider,
              "The regular web application this server signs in as (register `BASE_URL/callback` "
              "and `BASE_URL/` as its callback and logout URLs: docs/deploy.md#auth0).",
              "Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0", "your application's client ID from the provider's dashboard"},
             &app_config::client_id)));
    t.push_back(required(text({"CLIENT_SECRET", provider, "That application's client secret.",
                               "<the secret shown next to the client ID>",
                               "your application's client secret from the provider's dashboard"},
                              &app_config::client_secret, /*secret=*/true)));
    t.push_back(with_default(url({"BASE_URL", provider,
                                  "This server's public URL: decides the callback URL and the Origin checked against "
                                  "CSRF; `https` turns on `Secure`/`__Host-` cookies and HSTS.",
                                  "https://profile.example.com", "this server's public URL"},
                                 &app_config::base_url, url_kind::origin_only),
                             "http://localhost:8080"));
    t.push_back(required(secret_key({"SECRET", provider,
                                     "Key material for the sealed login cookie and anything else derived per "
                                     "purpose. `scripts/run` generates one.",
                                     "$(openssl rand -hex 32)", "32 or more random bytes"})));
    t.push_back(with_default(number({"JWKS_MAX_AGE", provider,
                                     "How long the provider's signing keys are cached before they are fetched "
                                     "again (Auth0 advises 5 to 10 minutes).",
                                     "600", ""},
                                    &app_config::jwks_max_age, 1, 24 * 60 * 60, "seconds"),
                             "600"));
    t.push_back(derived_default(file({"CA_FILE", provider,
                                      "Trust anchors (PEM) for upstream TLS, for a private CA, instead of the "
                                      "system's store; picture fetches trust both.",
                                      "/etc/ssl/private-ca.pem", "a PEM file of trusted CA certificates"},
                                     &app_config::ca_file),
                                "the system's store"));

    // ---- Management API ----
    t.push_back(derived_default(text({"MGMT_CLIENT_ID", management,
                                      "The machine-to-machine application for the Management API (scopes "
                                      "`read:users update:users`, and `read:connections` for the password "
                                      "policy). Set both or neither.",
                                      "Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0", "the machine-to-machine app's client ID"},
                                     &app_config::mgmt_client_id),
                                "`CLIENT_ID`"));
    t.push_back(derived_default(text({"MGMT_CLIENT_SECRET", management, "Its client secret.", "<its client secret>",
                                      "the machine-to-machine app's secret"},
                                     &app_config::mgmt_client_secret, /*secret=*/true),
                                "`CLIENT_SECRET`"));
    t.push_back(derived_default(
        text({"MGMT_AUDIENCE", management, "The Management API's identifier, the audience of the M2M token.",
              "https://example.eu.auth0.com/api/v2/", "the Management API's identifier"},
             &app_config::mgmt_audience),
        "`${ISSUER_BASE_URL}/api/v2/`"));
    t.push_back(with_default(number({"MGMT_RATE_LIMIT", management,
                                     "Management API requests per second that all instances together may spend "
                                     "(one token bucket, shared through Redis when `SESSION_STORE` is one): set "
                                     "it to the tenant's limit (2/s on a free tenant; docs/auth0.md). A call "
                                     "finding it empty waits within its deadline, so the tenant sees no excess. "
                                     "`0`: no budget of our own (the tenant's 429s and `x-ratelimit-*` headers alone).",
                                     "2", ""},
                                    &app_config::mgmt_rate_limit, 0, 1000, "requests per second"),
                             "2"));
    t.push_back(with_default(number({"MGMT_RATE_BURST", management,
                                     "The bucket's size: requests that may go at once after a quiet spell (the "
                                     "tenant's burst: 2 on a free tenant).",
                                     "2", ""},
                                    &app_config::mgmt_rate_burst, 1, 1000, "number"),
                             "2"));
    t.push_back(with_default(number({"PROFILE_CACHE_TTL_MS", management,
                                     "How long a fetched profile is served from the read cache; `0` disables it. "
                                     "Short: other writers are unseen meanwhile.",
                                     "5000", ""},
                                    &app_config::profile_cache_ttl, 0, 60 * 60 * 1000, "milliseconds"),
                             "5000"));

    // ---- profiles ----
    t.push_back(
        derived_default(file({"PROFILE_SCHEMA", profiles,
                              "The `user_metadata` fields users may edit (JSON; the format is in "
                              "`core/include/profiledesk/core/field_schema.hpp`, the built-in schema in "
                              "`core/src/default_schema.cpp`, the pattern syntax in the README's \"Schema patterns\").",
                              "./schema.json", "a field schema JSON file"},
                             &app_config::profile_schema),
                        "built-in"));
    t.push_back(derived_default(list({"PROFILE_SYNC_OFF_CONNECTIONS", profiles,
                                      "Social or enterprise connections whose \"Sync user profile attributes at each "
                                      "login\" is off, so that their users may edit name, nickname, given and family "
                                      "name and picture (listing them here keeps the M2M scopes to two).",
                                      "github,my-saml", ""},
                                     &app_config::sync_off_connections),
                                "none"));
    t.push_back(with_default(boolean({"ALLOW_ACCOUNT_DELETION", profiles,
                                      "`true` lets users delete their own account (`DELETE /api/account`, after "
                                      "typing their email and a sign-in in the last 5 minutes). The M2M application "
                                      "then needs the `delete:users` scope too: checked at start, which stops "
                                      "without it.",
                                      "false", ""},
                                     &app_config::allow_account_deletion),
                             "false"));
    t.push_back(
        with_default(boolean({"EXPORT_APP_METADATA", profiles,
                              "`true` puts the user's `app_metadata` in their data export "
                              "(`GET /api/account/export`). Off, since operators keep there what users "
                              "may not see (roles, plans, internal notes): turn it on when it is theirs to see.",
                              "false", ""},
                             &app_config::export_app_metadata),
                     "false"));

    // ---- branding ----
    t.push_back(with_default(display_name({"BRAND_NAME", branding,
                                           "Your product's name, shown as the page's title, in the header and on the "
                                           "welcome panel.",
                                           "Acme", ""},
                                          &app_config::brand_name, 60),
                             "Profile Desk"));
    t.push_back(derived_default(png_file({"BRAND_LOGO", branding,
                                          "Your logo, a PNG shown left of the name in the header (served as "
                                          "`/brand/logo.png`; about 64 pixels high looks sharp). Read once at start.",
                                          "./acme-logo.png", "a PNG logo"},
                                         &app_config::brand_logo, &app_config::brand_logo_png),
                                "none"));
    t.push_back(derived_default(hex_color({"BRAND_ACCENT", branding,
                                           "The accent colour of both themes (primary buttons, selected choices, focus "
                                           "rings, links), made darker or lighter where a theme needs it for WCAG "
                                           "contrast (`core/src/theme.cpp`).",
                                           "#0b7a5c", ""},
                                          &app_config::brand_accent),
                                "`" + core::to_hex(core::default_accent) + "`"));
    t.push_back(derived_default(url({"SUPPORT_URL", branding,
                                     "Where a \"Get help\" link beside read-only fields and error messages sends "
                                     "people (a new tab). Unset: no such link.",
                                     "https://help.example.com/profile", "your help page's URL"},
                                    &app_config::support_url, url_kind::any_path),
                                "none"));

    // ---- sessions and shared state ----
    t.push_back(with_default(
        session_store(
            {"SESSION_STORE", sessions,
             "Where sessions and all other shared state live: `memory` (this one process; a restart signs "
             "everyone out) or Redis, shared by every instance (`rediss://`: TLS, verified against the system "
             "store or `CA_FILE`) "
             "(docs/deploy.md#upgrades-without-signing-anyone-out). The password never appears in a "
             "message or log line.",
             "redis://:password@127.0.0.1:6379/0", "memory or your Redis server's URL"}),
        "memory"));
    t.push_back(with_default(
        token({"KEY_PREFIX", sessions, "Prefix of every Redis key, so that one Redis can serve several deployments.",
               "profiledesk:", ""},
              &app_config::key_prefix, 64, ":._-"),
        "profiledesk:"));
    t.push_back(with_default(number({"REDIS_TIMEOUT_MS", sessions,
                                     "Deadline of one Redis command; past it the request that needed it answers 503 "
                                     "`session_store_unavailable` with `Retry-After`.",
                                     "1000", ""},
                                    &app_config::redis_timeout, 10, 60000, "milliseconds"),
                             "1000"));
    t.push_back(with_default(number({"SESSION_IDLE_TIMEOUT", sessions,
                                     "A session ends after this long unused (ASVS v4 3.3.2, level 2: 30 minutes). At "
                                     "most `SESSION_ABSOLUTE_TIMEOUT`.",
                                     "1800", ""},
                                    &app_config::session_idle, 1, max_timeout_seconds, "seconds"),
                             "1800"));
    t.push_back(with_default(number({"SESSION_ABSOLUTE_TIMEOUT", sessions,
                                     "A session ends this long after sign-in, whatever happens (ASVS level 2: 12 "
                                     "hours).",
                                     "43200", ""},
                                    &app_config::session_absolute, 1, max_timeout_seconds, "seconds"),
                             "43200"));
    t.push_back(with_default(number({"MAX_SESSIONS_PER_USER", sessions,
                                     "Sessions one user may hold; a sign-in past it ends that user's oldest session. "
                                     "When the memory store is full (100,000), a user who already has a session loses "
                                     "their own oldest, so one user's sign-ins cannot push other users out.",
                                     "20", ""},
                                    &app_config::max_sessions_per_user, 1, 1000, "number"),
                             "20"));

    // ---- budgets ----
    t.push_back(with_default(number({"SIGN_IN_PER_MINUTE", budgets,
                                     "Each client's budget (a client is its address; IPv6 by its /64) for `/login` "
                                     "and `/callback` together, as a burst that refills over a minute; over it, 429 "
                                     "with `Retry-After`. `0` is no limit.",
                                     "30", ""},
                                    &app_config::sign_in_per_minute, 0, max_per_minute, "number"),
                             "30"));
    t.push_back(with_default(number({"GLYPH_REQUESTS_PER_MINUTE", budgets,
                                     "The same for `/fonts/glyphs` (each request cuts fonts).", "120", ""},
                                    &app_config::glyph_requests_per_minute, 0, max_per_minute, "number"),
                             "120"));
    t.push_back(with_default(number({"PICTURE_REQUESTS_PER_MINUTE", budgets,
                                     "The same for `/api/profile/picture` (each may cost a users-API read and a "
                                     "fetch of the picture).",
                                     "60", ""},
                                    &app_config::picture_requests_per_minute, 0, max_per_minute, "number"),
                             "60"));
    t.push_back(with_default(number({"PROFILE_WRITES_PER_MINUTE", budgets,
                                     "Each signed-in user's budget for `PATCH /api/profile` (per user, not per "
                                     "address: the tenant's Management API rate limit is shared by everyone); over "
                                     "it, 429 `too_many_writes` with `Retry-After`. `0` is no limit.",
                                     "30", ""},
                                    &app_config::profile_writes_per_minute, 0, max_per_minute, "number"),
                             "30"));

    // ---- mail ----
    t.push_back(derived_default(
        mail_url({"MAIL_URL", mail_group,
                  "Where verification links and account notices are sent: `smtp://[user:password@]host[:port]` "
                  "(STARTTLS required, and the certificate verified against `CA_FILE` or the system store, unless "
                  "the host is loopback: 127.0.0.0/8, ::1, localhost), `smtps://...` (TLS from the start, port "
                  "465), or `file:DIR` (each message an `.eml` file in DIR: development). The password never "
                  "appears in a message or log line. Unset: mail is off, and email and password changes answer "
                  "503 `mail_unavailable`.",
                  "smtp://desk:password@smtp.example.com:587", ""}),
        "none: mail is off"));
    t.push_back(mail_address({"MAIL_FROM", mail_group, "The address mail comes from; required with `MAIL_URL`.",
                              "no-reply@profile.example.com", "the address mail comes from"},
                             &app_config::mail_from));
    t.push_back(with_default(boolean({"DEV_OUTBOX", mail_group,
                                      "`true` serves `GET /dev/outbox`, a page listing the `file:` outbox with its "
                                      "links clickable: development only (`scripts/run` sets it with the local "
                                      "tenant); refused with an https `BASE_URL` or a `MAIL_URL` that is not `file:`.",
                                      "false", ""},
                                     &app_config::dev_outbox),
                             "false"));

    // ---- network ----
    t.push_back(with_default(number({"PORT", network, "Where to listen (`--port` wins).", "8080", ""},
                                    &app_config::port, 1, 65535, "number"),
                             "8080"));
    t.push_back(with_default(number({"TRUSTED_PROXIES", network,
                                     "Reverse proxies in front, each appending to `X-Forwarded-For`: the client "
                                     "address is the one the outermost saw. Leave `0` unless every request comes "
                                     "through them (anyone can write that header).",
                                     "1", ""},
                                    &app_config::trusted_proxies, 0, 10, "number"),
                             "0"));
    t.push_back(derived_default(number({"MAX_CONNECTIONS", network,
                                        "Open connections at most; past it a new connection takes the place of the "
                                        "one idle the longest, or is closed at once when none is idle.",
                                        "10000", ""},
                                       &app_config::max_connections, 1, 1000000, "number"),
                                "128 below the open-file limit, at most `10000`"));
    t.push_back(
        derived_default(with_default(number({"MAX_CONNECTIONS_PER_CLIENT", network,
                                             "The same for each client address (IPv6 by its /64), among its own "
                                             "connections. Behind `TRUSTED_PROXIES` the proxies are the clients, so "
                                             "there is no cap unless one is set.",
                                             "64", ""},
                                            &app_config::max_connections_per_client, 1, 1000000, "number"),
                                     "64"),
                        "none behind `TRUSTED_PROXIES` unless set"));
    t.push_back(with_default(boolean({"PICTURE_ALLOW_PRIVATE_ADDRESSES", network,
                                      "`true` lets the picture fetch reach loopback and private networks, on any "
                                      "port: only for development and tests, since a user sets their picture's URL.",
                                      "false", ""},
                                     &app_config::picture_allow_private_addresses),
                             "false"));
    t.push_back(
        token({"INSTANCE_ID", network,
               "When set, every response carries `X-Profiledesk-Instance` with this name, so that an operator (or a "
               "test) sees which instance behind a load balancer answered. Unset: no such header.",
               "desk-1", ""},
              &app_config::instance_id, 64, "._-"));

    // ---- observability ----
    t.push_back(with_default(listen_address({"METRICS_ADDRESS", observability,
                                             "Where the Prometheus metrics listener listens, never the public port. "
                                             "Set but empty turns it off.",
                                             "127.0.0.1:9464", ""},
                                            &app_config::metrics_address),
                             "127.0.0.1:9464"));
    t.push_back(derived_default(parsed_choice({"LOG_FORMAT", observability,
                                               "`json`: one JSON object per line; `text`: readable lines.", "json", ""},
                                              &app_config::log_format, {"json", "text"}, &log::parse_format),
                                "`json` when stderr is not a terminal, else `text`"));
    t.push_back(
        with_default(parsed_choice({"LOG_LEVEL", observability, "The least severe lines that are written.", "info", ""},
                                   &app_config::log_level, {"debug", "info", "warn", "error"}, &log::parse_level),
                     "info"));
    return t;
}

}  // namespace

std::string shown(std::string_view value) {
    std::string out = "'";
    for (std::size_t i = 0; i < value.size() && i < max_quoted_value; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    }
    if (value.size() > max_quoted_value) out += "...";
    return out + "'";
}

const std::vector<setting>& settings() {
    static const std::vector<setting> table = make_table();
    return table;
}

const setting* find_setting(std::string_view name) {
    for (const auto& s : settings()) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

}  // namespace profiledesk::config
