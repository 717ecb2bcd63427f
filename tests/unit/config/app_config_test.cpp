#include "config/app_config.hpp"
#include "config/settings_docs.hpp"
#include "config/settings_table.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>

using profiledesk::config::app_config;
using profiledesk::config::load_config;
using profiledesk::config::merge_env;
using profiledesk::config::read_env_file;
using env_map = std::map<std::string, std::string>;
using namespace std::chrono_literals;

namespace {

const std::string client_secret = "cs_9fK2mQ7vLzR4tY8wE1uI3oP6aS5dF0hJ";
const std::string secret = "b1946ac92492d2347c6235b4d2611184a3f1e9c07d5b8e2f";  // 48 random-looking chars

// A complete, valid configuration for a tenant.
env_map good_env() {
    return {
        {"ISSUER_BASE_URL", "https://example.eu.auth0.com"},
        {"CLIENT_ID", "Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0"},
        {"CLIENT_SECRET", client_secret},
        {"SECRET", secret},
    };
}

env_map with(env_map env, const std::string& key, const std::string& value) {
    env[key] = value;
    return env;
}

env_map without(env_map env, const std::string& key) {
    env.erase(key);
    return env;
}

// The one problem a configuration has (fails the test when there are 0 or several).
std::string only_problem(const env_map& env) {
    const auto result = load_config(env);
    INFO("problems: " << result.problems.size());
    for (const auto& p : result.problems) INFO(p);
    REQUIRE(result.problems.size() == 1);
    return result.problems.front();
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A scratch file, removed at the end of the test.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(const std::string& content) {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("profiledesk-config-test-" + std::to_string(rd()) + ".env");
        std::ofstream(path, std::ios::binary) << content;
    }
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    std::string name() const { return path.string(); }
};

}  // namespace

TEST_CASE("config: a complete configuration loads, with the documented defaults") {
    const auto result = load_config(good_env());
    REQUIRE(result.problems.empty());
    const auto& c = result.config;
    CHECK(c.issuer_base_url == "https://example.eu.auth0.com");
    CHECK(c.client_id == "Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0");
    CHECK(c.client_secret == client_secret);
    CHECK(c.secret == secret);
    CHECK(c.base_url == "http://localhost:8080");
    CHECK(c.mgmt_client_id == c.client_id);
    CHECK(c.mgmt_client_secret == client_secret);
    CHECK(c.mgmt_audience == "https://example.eu.auth0.com/api/v2/");
    CHECK(c.ca_file.empty());
    CHECK(c.port == 8080);
    CHECK(c.session_store == "memory");
    CHECK(c.profile_schema.empty());
    CHECK(c.session_idle == 1800s);
    CHECK(c.session_absolute == 43200s);
    CHECK(c.sign_in_per_minute == 30);
    CHECK(c.glyph_requests_per_minute == 120);
    CHECK(c.trusted_proxies == 0);
    CHECK_FALSE(c.https());
    CHECK(c.origin() == "http://localhost:8080");
}

TEST_CASE("config: every setting is read") {
    temp_file ca("-----BEGIN CERTIFICATE-----\n");
    temp_file schema("{}");
    auto env = good_env();
    env["BASE_URL"] = "https://desk.example.com";
    env["MGMT_CLIENT_ID"] = "m2m-id";
    env["MGMT_CLIENT_SECRET"] = "m2m-secret";
    env["MGMT_AUDIENCE"] = "https://example.eu.auth0.com/api/v2/";
    env["CA_FILE"] = ca.name();
    env["PORT"] = "9443";
    env["SESSION_STORE"] = "memory";
    env["PROFILE_SCHEMA"] = schema.name();
    env["SESSION_IDLE_TIMEOUT"] = "60";
    env["SESSION_ABSOLUTE_TIMEOUT"] = "120";
    const auto result = load_config(env);
    REQUIRE(result.problems.empty());
    const auto& c = result.config;
    CHECK(c.base_url == "https://desk.example.com");
    CHECK(c.https());
    CHECK(c.origin() == "https://desk.example.com");
    CHECK(c.mgmt_client_id == "m2m-id");
    CHECK(c.mgmt_client_secret == "m2m-secret");
    CHECK(c.ca_file == ca.name());
    CHECK(c.port == 9443);
    CHECK(c.profile_schema == schema.name());
    CHECK(c.session_idle == 60s);
    CHECK(c.session_absolute == 120s);
}

TEST_CASE("config: URLs are normalised to no trailing slash, MGMT_AUDIENCE has exactly one") {
    auto env = with(good_env(), "ISSUER_BASE_URL", "https://example.eu.auth0.com/");
    env["BASE_URL"] = "https://desk.example.com/";
    const auto c = load_config(env).config;
    CHECK(c.issuer_base_url == "https://example.eu.auth0.com");
    CHECK(c.mgmt_audience == "https://example.eu.auth0.com/api/v2/");
    CHECK(c.base_url == "https://desk.example.com");
    SECTION("an issuer with a path (Keycloak-style realms) keeps it") {
        const auto k = load_config(with(good_env(), "ISSUER_BASE_URL", "https://id.example.com/realms/main/")).config;
        CHECK(k.issuer_base_url == "https://id.example.com/realms/main");
    }
    SECTION("origin keeps a non-default port") {
        const auto p = load_config(with(good_env(), "BASE_URL", "https://desk.example.com:8443")).config;
        CHECK(p.origin() == "https://desk.example.com:8443");
    }
}

TEST_CASE("config: each missing required variable is one line naming it, with an example") {
    for (const char* name : {"ISSUER_BASE_URL", "CLIENT_ID", "CLIENT_SECRET", "SECRET"}) {
        INFO(name);
        const auto line = only_problem(without(good_env(), name));
        CHECK(line.rfind(std::string(name) + " is missing", 0) == 0);
        CHECK(has(line, "e.g. " + std::string(name) + "="));
    }
    SECTION("the issue's exact wording for ISSUER_BASE_URL") {
        CHECK(has(only_problem(without(good_env(), "ISSUER_BASE_URL")),
                  "ISSUER_BASE_URL is missing: set it to your tenant's URL, e.g. "
                  "ISSUER_BASE_URL=https://example.eu.auth0.com"));
    }
    SECTION("an empty value counts as missing") {
        CHECK(has(only_problem(with(good_env(), "CLIENT_ID", "")), "CLIENT_ID is missing"));
    }
    SECTION("all of them at once: one line each, no line breaks inside") {
        const auto result = load_config({});
        CHECK(result.problems.size() == 4);
        for (const auto& p : result.problems) CHECK(p.find('\n') == std::string::npos);
    }
}

TEST_CASE("config: ISSUER_BASE_URL must be an absolute https URL") {
    for (const char* bad : {"example.eu.auth0.com", "ftp://example.eu.auth0.com", "https://",
                            "https://user:pw@example.com", "https://example.com/?x=1", "https://example.com/#frag",
                            "https://exa mple.com", "https://example.com:99999"}) {
        INFO(bad);
        CHECK(only_problem(with(good_env(), "ISSUER_BASE_URL", bad)).rfind("ISSUER_BASE_URL ", 0) == 0);
    }
    SECTION("plain http only for this machine") {
        CHECK(has(only_problem(with(good_env(), "ISSUER_BASE_URL", "http://example.eu.auth0.com")), "must use https"));
        for (const char* local : {"http://localhost:3000", "http://127.0.0.1:3000/", "http://[::1]:3000"}) {
            INFO(local);
            CHECK(load_config(with(good_env(), "ISSUER_BASE_URL", local)).problems.empty());
        }
        CHECK_FALSE(load_config(with(good_env(), "ISSUER_BASE_URL", "http://localhost.evil.example")).problems.empty());
    }
}

TEST_CASE("config: BASE_URL is an origin, https unless local") {
    CHECK(has(only_problem(with(good_env(), "BASE_URL", "https://desk.example.com/app")), "without a path"));
    CHECK(has(only_problem(with(good_env(), "BASE_URL", "https://desk.example.com?x=1")), "query"));
    CHECK(has(only_problem(with(good_env(), "BASE_URL", "http://desk.example.com")), "must use https"));
    CHECK(has(only_problem(with(good_env(), "BASE_URL", "desk.example.com")), "not an absolute http(s) URL"));
    CHECK(load_config(with(good_env(), "BASE_URL", "http://127.0.0.1:8080")).problems.empty());
    SECTION("unset or empty: the default") {
        CHECK(load_config(with(good_env(), "BASE_URL", "")).config.base_url == "http://localhost:8080");
    }
}

TEST_CASE("config: SECRET must be long and random") {
    SECTION("shorter than 32 bytes") {
        CHECK(
            has(only_problem(with(good_env(), "SECRET", "k3Jq9Zx0Lp2Wm5Rt8Yv1Nb4Hc7Gd6Fs")), "shorter than 32 bytes"));
        CHECK(load_config(with(good_env(), "SECRET", "k3Jq9Zx0Lp2Wm5Rt8Yv1Nb4Hc7Gd6Fs0")).problems.empty());
    }
    SECTION("placeholders from samples and tutorials") {
        for (const char* placeholder :
             {"changeme-changeme-changeme-changeme", "LONG_RANDOM_STRING_LONG_RANDOM_STRING",
              "replace-with-a-long-random-string-please", "your-secret-goes-here-1234567890-abcdef",
              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "01230123012301230123012301230123"}) {
            INFO(placeholder);
            CHECK(has(only_problem(with(good_env(), "SECRET", placeholder)), "SECRET looks like a placeholder"));
        }
    }
    SECTION("what openssl rand makes is fine") {
        CHECK(
            load_config(with(good_env(), "SECRET", "9c1185a5c5e9fc54612808977ee8f548b2258d31d0e9c8f2a8f1d0b1c3e4f5a6"))
                .problems.empty());
        CHECK(load_config(with(good_env(), "SECRET", "q8Jx/2mT+Lr9WvZp3Kb5Nc7Hd0Fg1Ys4Ue6Io8Pa2Ql=")).problems.empty());
    }
}

TEST_CASE("config: no problem line ever shows a secret value") {
    const std::string short_secret = "tooShortButStillSecret";
    const std::string mgmt_secret = "m2m-secret-value-123";
    auto env = with(good_env(), "SECRET", short_secret);
    env["MGMT_CLIENT_SECRET"] = mgmt_secret;                      // without MGMT_CLIENT_ID: a problem
    env["SESSION_STORE"] = "redis://:hunter2pass@cache:6379/99";  // refused: no database 99
    env["BASE_URL"] = "http://desk.example.com";                  // more problems around them
    env["PORT"] = "x";
    const auto result = load_config(env);
    CHECK(result.problems.size() == 5);
    for (const auto& p : result.problems) {
        INFO(p);
        CHECK_FALSE(has(p, short_secret));
        CHECK_FALSE(has(p, mgmt_secret));
        CHECK_FALSE(has(p, client_secret));
        CHECK_FALSE(has(p, "hunter2pass"));
    }
    SECTION("a placeholder SECRET is not echoed either") {
        const std::string placeholder = "changeme-changeme-changeme-changeme";
        CHECK_FALSE(has(only_problem(with(good_env(), "SECRET", placeholder)), placeholder));
    }
}

TEST_CASE("config: MGMT_CLIENT_ID and MGMT_CLIENT_SECRET come as a pair") {
    CHECK(has(only_problem(with(good_env(), "MGMT_CLIENT_ID", "m2m")), "MGMT_CLIENT_SECRET is missing"));
    CHECK(has(only_problem(with(good_env(), "MGMT_CLIENT_SECRET", "s")), "MGMT_CLIENT_ID is missing"));
}

TEST_CASE("config: PORT is 1 to 65535") {
    for (const char* bad : {"0", "65536", "-1", "abc", "80 ", "8080x", "99999999999999999999"}) {
        INFO(bad);
        CHECK(
            has(only_problem(with(good_env(), "PORT", bad)), "PORT must be a number from 1 to 65535, e.g. PORT=8080"));
    }
    CHECK(load_config(with(good_env(), "PORT", "1")).config.port == 1);
    CHECK(load_config(with(good_env(), "PORT", "65535")).config.port == 65535);
}

TEST_CASE("config: per-client budgets and the proxies in front") {
    auto env = with(with(with(good_env(), "SIGN_IN_PER_MINUTE", "0"), "GLYPH_REQUESTS_PER_MINUTE", "600"),
                    "TRUSTED_PROXIES", "2");
    const auto c = load_config(env).config;
    CHECK(c.sign_in_per_minute == 0);  // off
    CHECK(c.glyph_requests_per_minute == 600);
    CHECK(c.trusted_proxies == 2);
    CHECK(
        has(only_problem(with(good_env(), "TRUSTED_PROXIES", "11")), "TRUSTED_PROXIES must be a number from 0 to 10"));
    CHECK(has(only_problem(with(good_env(), "SIGN_IN_PER_MINUTE", "-5")), "SIGN_IN_PER_MINUTE must be a number"));
    CHECK(
        has(only_problem(with(good_env(), "GLYPH_REQUESTS_PER_MINUTE", "lots")), "GLYPH_REQUESTS_PER_MINUTE must be"));
    CHECK(load_config(good_env()).config.picture_requests_per_minute == 60);
    CHECK(load_config(with(good_env(), "PICTURE_REQUESTS_PER_MINUTE", "5")).config.picture_requests_per_minute == 5);
}

TEST_CASE("config: each user's write budget and session cap") {
    const auto defaults = load_config(good_env()).config;
    CHECK(defaults.profile_writes_per_minute == 30);
    CHECK(defaults.max_sessions_per_user == 20);
    const auto c =
        load_config(with(with(good_env(), "PROFILE_WRITES_PER_MINUTE", "0"), "MAX_SESSIONS_PER_USER", "5")).config;
    CHECK(c.profile_writes_per_minute == 0);  // off
    CHECK(c.max_sessions_per_user == 5);
    CHECK(load_config(with(good_env(), "PROFILE_WRITES_PER_MINUTE", "300")).config.profile_writes_per_minute == 300);
    CHECK(has(only_problem(with(good_env(), "PROFILE_WRITES_PER_MINUTE", "many")),
              "PROFILE_WRITES_PER_MINUTE must be a number from 0 to 100000"));
    CHECK(has(only_problem(with(good_env(), "MAX_SESSIONS_PER_USER", "0")),
              "MAX_SESSIONS_PER_USER must be a number from 1 to 1000"));
    CHECK(has(only_problem(with(good_env(), "MAX_SESSIONS_PER_USER", "1001")), "MAX_SESSIONS_PER_USER must be"));
    CHECK(has(only_problem(with(good_env(), "MAX_SESSIONS_PER_USER", "-1")), "MAX_SESSIONS_PER_USER must be"));
}

TEST_CASE("config: connection caps, overall and per client") {
    const auto defaults = load_config(good_env()).config;
    CHECK(defaults.max_connections == 0);  // derived from the open-file limit at start
    CHECK(defaults.max_connections_per_client == 64);
    // Behind proxies the proxies are the clients: no per-client cap unless one is set.
    CHECK(load_config(with(good_env(), "TRUSTED_PROXIES", "1")).config.max_connections_per_client == 0);
    CHECK(load_config(with(with(good_env(), "TRUSTED_PROXIES", "1"), "MAX_CONNECTIONS_PER_CLIENT", "500"))
              .config.max_connections_per_client == 500);
    const auto c =
        load_config(with(with(good_env(), "MAX_CONNECTIONS", "500"), "MAX_CONNECTIONS_PER_CLIENT", "8")).config;
    CHECK(c.max_connections == 500);
    CHECK(c.max_connections_per_client == 8);
    for (const char* bad : {"0", "-1", "many", "1000001"}) {
        INFO(bad);
        CHECK(has(only_problem(with(good_env(), "MAX_CONNECTIONS", bad)),
                  "MAX_CONNECTIONS must be a number from 1 to 1000000, e.g. MAX_CONNECTIONS=10000"));
        CHECK(has(only_problem(with(good_env(), "MAX_CONNECTIONS_PER_CLIENT", bad)),
                  "MAX_CONNECTIONS_PER_CLIENT must be a number from 1 to 1000000"));
    }
}

TEST_CASE("config: the picture fetch reaches private addresses only when told to") {
    CHECK_FALSE(load_config(good_env()).config.picture_allow_private_addresses);
    CHECK(load_config(with(good_env(), "PICTURE_ALLOW_PRIVATE_ADDRESSES", "true"))
              .config.picture_allow_private_addresses);
    CHECK_FALSE(load_config(with(good_env(), "PICTURE_ALLOW_PRIVATE_ADDRESSES", "false"))
                    .config.picture_allow_private_addresses);
    CHECK(has(only_problem(with(good_env(), "PICTURE_ALLOW_PRIVATE_ADDRESSES", "yes please")),
              "PICTURE_ALLOW_PRIVATE_ADDRESSES must be true or false"));
}

TEST_CASE("config: account deletion and app_metadata in the export are off unless turned on") {
    const auto defaults = load_config(good_env()).config;
    CHECK_FALSE(defaults.allow_account_deletion);
    CHECK_FALSE(defaults.export_app_metadata);
    const auto on =
        load_config(with(with(good_env(), "ALLOW_ACCOUNT_DELETION", "true"), "EXPORT_APP_METADATA", "1")).config;
    CHECK(on.allow_account_deletion);
    CHECK(on.export_app_metadata);
    CHECK(has(only_problem(with(good_env(), "ALLOW_ACCOUNT_DELETION", "yes")),
              "ALLOW_ACCOUNT_DELETION must be true or false"));
    CHECK(
        has(only_problem(with(good_env(), "EXPORT_APP_METADATA", "on")), "EXPORT_APP_METADATA must be true or false"));
}

TEST_CASE("config: LOG_LEVEL and LOG_FORMAT") {
    using profiledesk::log::format;
    using profiledesk::log::level;
    const auto defaults = load_config(good_env()).config;
    CHECK(defaults.log_level == level::info);
    CHECK_FALSE(defaults.log_format.has_value());  // json unless stderr is a terminal
    const auto set = load_config(with(with(good_env(), "LOG_LEVEL", "debug"), "LOG_FORMAT", "text")).config;
    CHECK(set.log_level == level::debug);
    CHECK(set.log_format == format::text);
    CHECK(load_config(with(good_env(), "LOG_FORMAT", "json")).config.log_format == format::json);
    CHECK(load_config(with(good_env(), "LOG_LEVEL", "error")).config.log_level == level::error);
    CHECK(has(only_problem(with(good_env(), "LOG_LEVEL", "verbose")), "LOG_LEVEL must be debug, info, warn or error"));
    CHECK(has(only_problem(with(good_env(), "LOG_FORMAT", "logfmt")), "LOG_FORMAT must be json or text"));
    CHECK(has(only_problem(with(good_env(), "LOG_FORMAT", "JSON")),
              "LOG_FORMAT must be json or text, e.g. LOG_FORMAT=json (got 'JSON')"));
}

TEST_CASE("config: echoed values cannot inject lines into a log") {
    const auto line = only_problem(with(good_env(), "PORT", "80\nconfig: all good"));
    CHECK(line.find('\n') == std::string::npos);
    CHECK(has(line, "80?config"));
    SECTION("and are cut short") { CHECK(only_problem(with(good_env(), "PORT", std::string(5000, '9'))).size() < 300); }
}

TEST_CASE("config: SESSION_STORE is memory or a Redis URL") {
    CHECK(has(only_problem(with(good_env(), "SESSION_STORE", "postgres://db")), "SESSION_STORE must be memory"));
    const auto memory = load_config(with(good_env(), "SESSION_STORE", "memory"));
    CHECK(memory.problems.empty());
    CHECK_FALSE(memory.config.redis);
    const auto plain = load_config(with(good_env(), "SESSION_STORE", "redis://cache:6379"));
    REQUIRE(plain.problems.empty());
    REQUIRE(plain.config.redis);
    CHECK_FALSE(plain.config.redis->tls);
    CHECK(plain.config.redis->host == "cache");
    CHECK(plain.config.redis->port == 6379);
    CHECK(plain.config.redis->password.empty());
    const auto tls = load_config(with(good_env(), "SESSION_STORE", "rediss://desk:pw@cache.example.com:6380/2"));
    REQUIRE(tls.problems.empty());
    REQUIRE(tls.config.redis);
    CHECK(tls.config.redis->tls);
    CHECK(tls.config.redis->user == "desk");
    CHECK(tls.config.redis->password == "pw");
    CHECK(tls.config.redis->db == 2);
    CHECK(tls.config.session_store == "rediss://desk:pw@cache.example.com:6380/2");
    SECTION("a malformed URL: one line saying what is wrong") {
        for (const auto& [bad, why] : std::map<std::string, std::string>{{"redis://cache:6379/16", "database"},
                                                                         {"redis://cache:0", "port"},
                                                                         {"redis://", "no host"},
                                                                         {"redis://cache?db=1", "query"},
                                                                         {"REDIS://cache", "must be memory or a"}}) {
            INFO(bad);
            const auto line = only_problem(with(good_env(), "SESSION_STORE", bad));
            CHECK(line.rfind("SESSION_STORE ", 0) == 0);
            CHECK(has(line, why));
            CHECK(has(line, "e.g. SESSION_STORE=redis://"));
        }
    }
}

TEST_CASE("config: the SESSION_STORE password never shows") {
    const auto c = load_config(with(good_env(), "SESSION_STORE", "rediss://desk:hunter2pass@cache:6380/1")).config;
    CHECK(c.session_store_shown() == "rediss://desk:***@cache:6380/1");
    CHECK(load_config(with(good_env(), "SESSION_STORE", "redis://:p%40ss@cache")).config.session_store_shown() ==
          "redis://:***@cache:6379/0");
    CHECK(load_config(good_env()).config.session_store_shown() == "memory");
    CHECK(load_config(with(good_env(), "SESSION_STORE", "redis://cache:6379")).config.session_store_shown() ==
          "redis://cache:6379/0");
    SECTION("nor in a problem line") {
        for (const char* bad : {"redis://:hunter2pass@cache:6379/99", "redis://:hunter2pass@cache:99999",
                                "redis://u:hunter2pass@", "redis://:hunter2pass@cache?x", "redis://:hunter2pass@[::1",
                                "mysql://u:hunter2pass@db", "redis://:hunter2pass%zz@cache"}) {
            INFO(bad);
            CHECK_FALSE(has(only_problem(with(good_env(), "SESSION_STORE", bad)), "hunter2pass"));
        }
    }
}

TEST_CASE("config: shared-state settings: KEY_PREFIX, REDIS_TIMEOUT_MS, INSTANCE_ID") {
    const auto defaults = load_config(good_env()).config;
    CHECK(defaults.key_prefix == "profiledesk:");
    CHECK(defaults.redis_timeout == 1000ms);
    CHECK(defaults.instance_id.empty());
    auto env = with(with(good_env(), "KEY_PREFIX", "desk-eu:"), "REDIS_TIMEOUT_MS", "250");
    env["INSTANCE_ID"] = "web-1.eu_west";
    const auto c = load_config(env).config;
    CHECK(c.key_prefix == "desk-eu:");
    CHECK(c.redis_timeout == 250ms);
    CHECK(c.instance_id == "web-1.eu_west");
    for (const char* bad : {"a b", "desk{1}:", "x\ny", "\u00e9t\u00e9"}) {
        INFO(bad);
        CHECK(has(only_problem(with(good_env(), "KEY_PREFIX", bad)), "KEY_PREFIX must be 1 to 64 letters"));
    }
    CHECK(has(only_problem(with(good_env(), "KEY_PREFIX", std::string(65, 'k'))), "KEY_PREFIX must be"));
    for (const char* bad : {"web 1", "web:1", "web\r\nX-Admin: 1", "<b>"}) {
        INFO(bad);
        const auto line = only_problem(with(good_env(), "INSTANCE_ID", bad));
        CHECK(has(line, "INSTANCE_ID must be 1 to 64 letters, digits or . _ -, e.g. INSTANCE_ID="));
        CHECK(line.find('\n') == std::string::npos);
    }
    for (const char* bad : {"0", "9", "60001", "1s", "-1"}) {
        INFO(bad);
        CHECK(has(only_problem(with(good_env(), "REDIS_TIMEOUT_MS", bad)),
                  "REDIS_TIMEOUT_MS must be a whole number of milliseconds from 10 to 60000, e.g. "
                  "REDIS_TIMEOUT_MS=1000"));
    }
}

TEST_CASE("config: the Management API budget, for all instances together") {
    const auto defaults = load_config(good_env()).config;
    CHECK(defaults.mgmt_rate_limit == 2);  // Auth0's free plan: 2 per second, burst 2
    CHECK(defaults.mgmt_rate_burst == 2);
    const auto c = load_config(with(with(good_env(), "MGMT_RATE_LIMIT", "16"), "MGMT_RATE_BURST", "50")).config;
    CHECK(c.mgmt_rate_limit == 16);
    CHECK(c.mgmt_rate_burst == 50);
    CHECK(load_config(with(good_env(), "MGMT_RATE_LIMIT", "0")).config.mgmt_rate_limit == 0);  // no budget of our own
    CHECK(has(only_problem(with(good_env(), "MGMT_RATE_LIMIT", "2.5")), "MGMT_RATE_LIMIT must be a number from 0"));
    CHECK(has(only_problem(with(good_env(), "MGMT_RATE_BURST", "0")), "MGMT_RATE_BURST must be a number from 1"));
}

TEST_CASE("config: METRICS_ADDRESS: loopback by default, empty turns it off") {
    CHECK(load_config(good_env()).config.metrics_address == "127.0.0.1:9464");
    CHECK(load_config(with(good_env(), "METRICS_ADDRESS", "")).config.metrics_address.empty());
    CHECK(load_config(with(good_env(), "METRICS_ADDRESS", "")).problems.empty());
    for (const char* good : {"0.0.0.0:9100", "[::1]:9464", "127.0.0.1:0"}) {
        INFO(good);
        CHECK(load_config(with(good_env(), "METRICS_ADDRESS", good)).config.metrics_address == good);
    }
    for (const char* bad : {"9464", "localhost:9464", "127.0.0.1", "127.0.0.1:70000", "::1:9464", "[127.0.0.1]:1",
                            "127.0.0.1:9464/metrics", "off"}) {
        INFO(bad);
        CHECK(has(only_problem(with(good_env(), "METRICS_ADDRESS", bad)),
                  "METRICS_ADDRESS must be an IP address and a port, or empty for off, e.g. "
                  "METRICS_ADDRESS=127.0.0.1:9464"));
    }
    SECTION("empty in the environment still leaves a value from .env (as every setting)") {
        CHECK(merge_env({{"METRICS_ADDRESS", ""}}, {{"METRICS_ADDRESS", "127.0.0.1:9100"}}).at("METRICS_ADDRESS") ==
              "127.0.0.1:9100");
    }
}

TEST_CASE("config: session timeouts are positive and idle <= absolute") {
    for (const char* bad : {"0", "-5", "abc", "1.5", "31536001"}) {
        INFO(bad);
        CHECK(has(only_problem(with(good_env(), "SESSION_IDLE_TIMEOUT", bad)), "SESSION_IDLE_TIMEOUT must be"));
        CHECK(has(only_problem(with(good_env(), "SESSION_ABSOLUTE_TIMEOUT", bad)), "SESSION_ABSOLUTE_TIMEOUT must be"));
    }
    auto env = with(good_env(), "SESSION_IDLE_TIMEOUT", "7200");
    env["SESSION_ABSOLUTE_TIMEOUT"] = "3600";
    CHECK(has(only_problem(env), "SESSION_IDLE_TIMEOUT (7200 s) is longer than SESSION_ABSOLUTE_TIMEOUT (3600 s)"));
    SECTION("one alone is checked against the other's default") {
        CHECK(has(only_problem(with(good_env(), "SESSION_IDLE_TIMEOUT", "50000")), "is longer than"));
    }
}

TEST_CASE("config: CA_FILE and PROFILE_SCHEMA must be readable files") {
    CHECK(has(only_problem(with(good_env(), "CA_FILE", "/nonexistent/ca.pem")),
              "CA_FILE '/nonexistent/ca.pem' is not a readable file"));
    CHECK(has(only_problem(with(good_env(), "PROFILE_SCHEMA", "/nonexistent/schema.json")), "PROFILE_SCHEMA"));
    CHECK(has(only_problem(with(good_env(), "CA_FILE", std::filesystem::temp_directory_path().string())), "CA_FILE"));
}

TEST_CASE("read_env_file reads KEY=VALUE lines") {
    temp_file file(
        "\xEF\xBB\xBF# Profile Desk settings\n"
        "\n"
        "ISSUER_BASE_URL=https://example.eu.auth0.com\n"
        "export CLIENT_ID=abc\n"
        "  PORT = 9000  \n"
        "DOUBLE=\"a value # not a comment\"\n"
        "SINGLE='it''s'\n"
        "ESCAPED=\"say \\\"hi\\\"\\\\\"\n"
        "COMMENTED=value # a comment\n"
        "HASH=abc#def\n"
        "EQUALS=a=b=c\n"
        "EMPTY=\n"
        "QUOTED_EMPTY=\"\"\n"
        "WINDOWS=crlf\r\n"
        "SECRET=\"s3cr3t\" # trailing comment\n");
    std::vector<std::string> problems;
    auto values = read_env_file(file.name(), problems);
    for (const auto& p : problems) INFO(p);
    // 'it''s' is two quoted strings in a shell, not one here: a problem.
    REQUIRE(problems.size() == 1);
    CHECK(has(problems.front(), ":7: SINGLE"));
    CHECK(values["ISSUER_BASE_URL"] == "https://example.eu.auth0.com");
    CHECK(values["CLIENT_ID"] == "abc");
    CHECK(values["PORT"] == "9000");
    CHECK(values["DOUBLE"] == "a value # not a comment");
    CHECK(values.count("SINGLE") == 0);
    CHECK(values["ESCAPED"] == "say \"hi\"\\");
    CHECK(values["COMMENTED"] == "value");
    CHECK(values["HASH"] == "abc#def");
    CHECK(values["EQUALS"] == "a=b=c");
    CHECK(values["EMPTY"] == "");
    CHECK(values["QUOTED_EMPTY"] == "");
    CHECK(values["WINDOWS"] == "crlf");
    CHECK(values["SECRET"] == "s3cr3t");
}

TEST_CASE("read_env_file: a missing file is no problem") {
    std::vector<std::string> problems;
    CHECK(read_env_file("/nonexistent/dir/.env", problems).empty());
    CHECK(problems.empty());
}

TEST_CASE("read_env_file reports bad lines by number, never by content") {
    const std::string leaked = "CLIENT_SECRET: hunter2";
    temp_file file("GOOD=1\n" + leaked + "\nBAD KEY=1\nOPEN=\"never closed\nGOOD=2\n1ABC=x\n");
    std::vector<std::string> problems;
    const auto values = read_env_file(file.name(), problems);
    REQUIRE(problems.size() == 5);
    CHECK(has(problems[0], file.name() + ":2: expected KEY=VALUE"));
    CHECK(has(problems[1], ":3: expected KEY=VALUE"));
    CHECK(has(problems[2], ":4: OPEN: the quoted value is not closed"));
    CHECK(has(problems[3], ":5: GOOD is set again (first on line 1)"));
    CHECK(has(problems[4], ":6: expected KEY=VALUE"));
    for (const auto& p : problems) {
        INFO(p);
        CHECK_FALSE(has(p, "hunter2"));
        CHECK_FALSE(has(p, "never closed"));
    }
    CHECK(values.at("GOOD") == "1");
}

TEST_CASE("read_env_file: a path that is not a readable file is a problem") {
    std::vector<std::string> problems;
    CHECK(read_env_file(std::filesystem::temp_directory_path().string(), problems).empty());
    CHECK(problems.size() == 1);
}

TEST_CASE("merge_env: the real environment wins over .env") {
    const env_map process = {{"PORT", "9000"}, {"HOME", "/root"}, {"BASE_URL", ""}};
    const env_map file = {{"PORT", "8080"}, {"SECRET", "from-file"}, {"BASE_URL", "https://desk.example.com"}};
    const auto merged = merge_env(process, file);
    CHECK(merged.at("PORT") == "9000");
    CHECK(merged.at("SECRET") == "from-file");
    CHECK(merged.at("HOME") == "/root");
    SECTION("an exported but empty variable does not hide the file's value") {
        CHECK(merged.at("BASE_URL") == "https://desk.example.com");
    }
}

TEST_CASE("config: .env and environment together, as main uses them") {
    temp_file file(
        "ISSUER_BASE_URL=https://example.eu.auth0.com\nCLIENT_ID=abc\nCLIENT_SECRET=file-secret\n"
        "SECRET=" +
        secret + "\nPORT=1234\n");
    std::vector<std::string> problems;
    const auto result = load_config(merge_env({{"PORT", "4321"}}, read_env_file(file.name(), problems)));
    CHECK(problems.empty());
    CHECK(result.problems.empty());
    CHECK(result.config.port == 4321);
    CHECK(result.config.client_secret == "file-secret");
}

// ---- the table itself, and what is rendered from it ----

namespace {

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("settings table: each setting once, fully described") {
    std::set<std::string> names;
    for (const auto& s : profiledesk::config::settings()) {
        INFO(s.name);
        CHECK(names.insert(s.name).second);
        CHECK_FALSE(s.group.empty());
        CHECK_FALSE(s.type.empty());
        CHECK_FALSE(s.rule.empty());
        CHECK_FALSE(s.meaning.empty());
        CHECK_FALSE(s.example.empty());
        CHECK(s.read);
        if (s.required) CHECK_FALSE(s.hint.empty());
        CHECK(profiledesk::config::find_setting(s.name) == &s);
    }
    // The settings issues 13 and 14 added, beside the older ones.
    for (const char* name : {"SESSION_STORE", "KEY_PREFIX", "INSTANCE_ID", "REDIS_TIMEOUT_MS", "METRICS_ADDRESS",
                             "LOG_FORMAT", "LOG_LEVEL", "MGMT_RATE_LIMIT", "MGMT_RATE_BURST"}) {
        INFO(name);
        CHECK(names.count(name) == 1);
    }
}

TEST_CASE("settings table: every default and every example is a value the setting accepts") {
    for (const auto& s : profiledesk::config::settings()) {
        INFO(s.name);
        app_config c;
        if (!s.default_value.empty()) CHECK(s.read(s.default_value, c) == "");
        // Files must exist to be accepted; secrets' examples say what to paste.
        const bool placeholder = s.example.front() == '<' || s.example.rfind("$(", 0) == 0;
        if (s.type != "path" && !placeholder) CHECK(s.read(s.example, c) == "");
    }
}

TEST_CASE("settings table: --help lists every setting, with its default or that it is required") {
    const auto help = profiledesk::config::settings_help();
    for (const auto& s : profiledesk::config::settings()) {
        INFO(s.name);
        CHECK(has(help, "\n  " + s.name + "  (" + (s.required ? "required" : "default: ")));
    }
    // Those the hand-written usage text had missed.
    for (const char* name : {"SIGN_IN_PER_MINUTE", "GLYPH_REQUESTS_PER_MINUTE", "PICTURE_REQUESTS_PER_MINUTE",
                             "PICTURE_ALLOW_PRIVATE_ADDRESSES", "TRUSTED_PROXIES"}) {
        CHECK(has(help, name));
    }
    for (std::size_t start = 0, end; (end = help.find('\n', start)) != std::string::npos; start = end + 1) {
        INFO(help.substr(start, end - start));
        CHECK(end - start <= 100);
    }
}

TEST_CASE("settings table: the README's settings section and the environment file are generated from it") {
    namespace config = profiledesk::config;
    const auto readme = file_text(PD_SOURCE_DIR
                                  "/"
                                  "README.md");
    const auto begin = readme.find(config::markdown_begin);
    const auto end = readme.find(config::markdown_end);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const auto section = readme.substr(begin, end + config::markdown_end.size() + 1 - begin);
    INFO("README.md's settings section differs from server/config/settings_table.cpp: run scripts/settings-docs");
    CHECK(section == config::settings_markdown());
    INFO("deploy/profiledesk.env.example differs from the table: run scripts/settings-docs");
    CHECK(file_text(PD_SOURCE_DIR "/deploy/profiledesk.env.example") == config::settings_env_example());
}

TEST_CASE("settings table: the environment file loads as it is, once its secrets are filled in") {
    temp_file file(profiledesk::config::settings_env_example());
    std::vector<std::string> problems;
    auto values = read_env_file(file.name(), problems);
    CHECK(problems.empty());
    // Only the required settings are set; the secrets among them are empty.
    CHECK(load_config(values).problems.size() == 2);  // CLIENT_SECRET, SECRET
    values["CLIENT_SECRET"] = client_secret;
    values["SECRET"] = secret;
    CHECK(load_config(values).problems.empty());
}
