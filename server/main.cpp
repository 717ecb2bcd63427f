// profiledesk: serves the Profile Desk app, signs people in with OpenID
// Connect, and (soon) edits their own profile through the Management API.
#include "api/auth_routes.hpp"
#include "api/glyph_routes.hpp"
#include "api/picture_routes.hpp"
#include "api/profile_routes.hpp"
#include "auth/login_transaction.hpp"
#include "auth/oidc_client.hpp"
#include "auth/sealer.hpp"
#include "auth/session_store.hpp"
#include "config/app_config.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/serve.hpp"
#include "http/static_files.hpp"
#include "log/log.hpp"
#include "mgmt/users_client.hpp"
#include "schema/profile_schema.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

extern char** environ;

namespace {

using namespace profiledesk;

constexpr const char* usage = R"(Usage: profiledesk [options]

Serves the Profile Desk web app and its API, signing people in with OpenID
Connect against ISSUER_BASE_URL (Auth0 or any conformant provider).

Options:
  --static-root DIR   folder holding index.html, loader.js, form_mirror.js, app.js, app.wasm and
                      web/ (default: build/wasm/dist, as scripts/build makes it)
  --host ADDRESS      address to listen on (default 127.0.0.1)
  --port N            port to listen on (default: $PORT, else 8080; 0 picks one)
  --env-file FILE     settings file read before the environment (default: .env;
                      the environment wins)
  --help              this text

Settings (environment or the settings file):
  ISSUER_BASE_URL     the provider, e.g. https://example.eu.auth0.com   (required)
  CLIENT_ID, CLIENT_SECRET   the regular web application               (required)
  BASE_URL            this server's public URL (default http://localhost:8080)
  SECRET              32+ bytes of key material for cookies            (required)
  MGMT_CLIENT_ID, MGMT_CLIENT_SECRET, MGMT_AUDIENCE   Management API client
  CA_FILE             trust anchors for upstream TLS (default: the system's)
  SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT   seconds (1800, 43200)
  JWKS_MAX_AGE        seconds the provider's signing keys are cached (600)
  PROFILE_SCHEMA      a field schema file (default: the built-in schema)
  PROFILE_SYNC_OFF_CONNECTIONS   connections whose users may edit their name etc.
  PROFILE_CACHE_TTL_MS           profile read cache (default 5000; 0 disables)
  PROFILE_WRITES_PER_MINUTE      each user's budget of saves (default 30; 0 is no limit)
  MAX_SESSIONS_PER_USER          sessions one user may hold; a sign-in past it ends
                                 their oldest (default 20)
  MAX_CONNECTIONS     open connections at most (default: 128 below the open-file
                      limit, at most 10000); the longest idle one makes room
  MAX_CONNECTIONS_PER_CLIENT   the same per client address, IPv6 per /64 (64; none
                               behind TRUSTED_PROXIES unless set)
  LOG_LEVEL           debug, info, warn or error (default info)
  LOG_FORMAT          json (one object per line) or text (default: json unless
                      stderr is a terminal)
  PORT, SESSION_STORE
scripts/run sets all of these for the local tenant when ISSUER_BASE_URL is unset.
)";

struct options {
    std::string static_root = "build/wasm/dist";
    std::string env_file = ".env";
    std::string host = "127.0.0.1";
    std::optional<unsigned short> port;
};

[[noreturn]] void usage_error(const std::string& message) {
    std::cerr << "error: " << message << " (see --help)\n";
    std::exit(2);
}

options parse_options(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            std::exit(0);
        } else if (arg == "--static-root") {
            o.static_root = value();
        } else if (arg == "--env-file") {
            o.env_file = value();
        } else if (arg == "--host") {
            o.host = value();
        } else if (arg == "--port") {
            const auto v = value();
            try {
                std::size_t used = 0;
                const auto n = std::stoul(v, &used);
                if (used != v.size() || n > 65535) throw std::out_of_range("port");
                o.port = static_cast<unsigned short>(n);
            } catch (const std::exception&) {
                usage_error("--port must be a number from 0 to 65535, e.g. --port 8080 (got '" + v + "')");
            }
        } else {
            usage_error("unknown option " + std::string(arg));
        }
    }
    return o;
}

std::map<std::string, std::string> process_environment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return env;
}

std::string without_trailing_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const auto opts = parse_options(argc, argv);

    // Settings: one line per problem, then stop. Never a secret in the output.
    std::vector<std::string> problems;
    const auto file_env = config::read_env_file(opts.env_file, problems);
    auto loaded = config::load_config(config::merge_env(process_environment(), file_env));
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    if (!problems.empty()) {
        // Problem lines never hold a secret (app_config.hpp).
        for (const auto& p : problems) log::error("config: a setting is wrong", {{"problem", log::text(p)}});
        log::error("profiledesk cannot start: fix the settings above (scripts/run sets them for the local tenant)");
        return 2;
    }
    const auto& cfg = loaded.config;
    log::configure(cfg.log_level, cfg.log_format.value_or(log::default_format()));

    const auto files = http::static_files::load(opts.static_root);
    for (const auto& name : files.missing()) {
        log::warn("a file of the app is missing; build the app with scripts/build",
                  {{"static_root", log::text(opts.static_root)}, {"file", log::text(name)}});
    }

    // Glyphs on demand come from the fonts the site ships (scripts/build copies them).
    std::vector<std::string> font_problems;
    const auto glyphs = fonts::glyph_subsetter::load(fonts::shipped_fonts(opts.static_root), font_problems);
    for (const auto& p : font_problems) log::warn("fonts: a shipped font is unusable", {{"problem", log::text(p)}});

    std::vector<std::string> schema_problems;
    const auto schema = schema::load_profile_schema(cfg.profile_schema, schema_problems);
    if (!schema) {
        for (const auto& p : schema_problems)
            log::error("config: PROFILE_SCHEMA is wrong", {{"problem", log::text(p)}});
        return 2;
    }

    boost::asio::io_context ioc;
    std::shared_ptr<boost::asio::ssl::context> tls;
    std::shared_ptr<boost::asio::ssl::context> picture_tls;  // pictures live on the public Internet
    try {
        tls = upstream::make_tls_client_context(cfg.ca_file);
        picture_tls = upstream::make_tls_client_context(cfg.ca_file, /*and_system_store=*/true);
    } catch (const std::exception& e) {
        log::error("config: CA_FILE is unusable", {{"error", log::text(e.what())}});
        return 2;
    }
    const auto upstream_client = std::make_shared<upstream::http_client>(ioc, tls);

    const auto base_url = without_trailing_slash(cfg.base_url);
    auto auth = std::make_shared<api::auth_context>();
    auth::oidc_settings oidc;
    oidc.issuer_base_url = cfg.issuer_base_url;
    oidc.client_id = cfg.client_id;
    oidc.client_secret = cfg.client_secret;
    oidc.redirect_uri = base_url + "/callback";
    oidc.jwks_max_age = cfg.jwks_max_age;
    // Short key lifetimes (tests) keep the refetch cool-down shorter than the age.
    oidc.jwks_refetch_cooldown = std::min(oidc.jwks_refetch_cooldown, cfg.jwks_max_age);
    auth->oidc = std::make_shared<auth::oidc_client>(ioc, upstream_client, oidc);
    auth->sessions = auth::make_memory_session_store({cfg.session_idle, cfg.session_absolute},
                                                     auth::memory_session_store::default_max_sessions,
                                                     cfg.max_sessions_per_user);
    auth->transaction_sealer = std::make_shared<auth::sealer>(cfg.secret, auth::login_transaction_purpose);
    auth->base_url = base_url;
    auth->https = cfg.https();
    auth->origin = cfg.origin();
    const auto per_minute = [](unsigned n) -> std::shared_ptr<http::per_client_budget> {
        if (n == 0) return nullptr;
        return std::make_shared<http::per_client_budget>(http::per_client_budget::limits{double(n), n / 60.0});
    };
    auth->sign_in_throttle = per_minute(cfg.sign_in_per_minute);
    auth->trusted_proxies = cfg.trusted_proxies;

    mgmt::mgmt_settings mgmt_settings;
    mgmt_settings.issuer = cfg.issuer_base_url;
    mgmt_settings.audience = cfg.mgmt_audience;
    mgmt_settings.client_id = cfg.mgmt_client_id;
    mgmt_settings.client_secret = cfg.mgmt_client_secret;
    mgmt_settings.cache_ttl = cfg.profile_cache_ttl;
    auto profile = std::make_shared<api::profile_context>();
    profile->auth = auth;
    profile->users = mgmt::users_client::create(ioc, tls, mgmt_settings);
    profile->schema = schema;
    profile->edits.sync_off_connections = {cfg.sync_off_connections.begin(), cfg.sync_off_connections.end()};
    profile->origin = cfg.origin();
    profile->write_budget = per_minute(cfg.profile_writes_per_minute);

    http::router routes;
    routes.add(http::beast_http::verb::get, "/healthz", [](http::request&& req, http::responder respond) {
        respond(http::json_response(http::beast_http::status::ok,
                                    {{"status", "ok"}, {"service", "profiledesk"}, {"version", PROFILEDESK_VERSION}},
                                    req.version()));
    });
    routes.add(http::beast_http::verb::get, "/readyz", [auth](http::request&& req, http::responder respond) {
        const bool ready = auth->oidc->metadata() != nullptr;
        respond(
            http::json_response(ready ? http::beast_http::status::ok : http::beast_http::status::service_unavailable,
                                {{"ready", ready}, {"provider", ready ? "discovered" : "unreachable"}}, req.version()));
    });
    api::add_auth_routes(routes, auth);
    api::add_profile_routes(routes, profile);
    api::add_glyph_routes(routes, glyphs, per_minute(cfg.glyph_requests_per_minute), cfg.trusted_proxies);
    auto picture = std::make_shared<api::picture_context>();
    picture->auth = auth;
    picture->users = profile->users;
    picture->fetcher = api::make_picture_fetcher(ioc, picture_tls, cfg.picture_allow_private_addresses);
    picture->any_port = cfg.picture_allow_private_addresses;  // test hosts listen on free ports
    picture->throttle = per_minute(cfg.picture_requests_per_minute);
    picture->trusted_proxies = cfg.trusted_proxies;
    api::add_picture_routes(routes, picture);
    if (cfg.picture_allow_private_addresses) {
        log::warn(
            "PICTURE_ALLOW_PRIVATE_ADDRESSES is on: a user's picture URL can reach this server's own network. "
            "Only for development and tests.");
    }
    routes.set_fallback([&files](http::request&& req, http::responder respond) { files.serve(req, respond); });

    auth->oidc->start();

    http::serve_options serve;
    serve.host = opts.host;
    serve.port = opts.port.value_or(cfg.port);
    serve.https = cfg.https();
    serve.max_connections = cfg.max_connections;
    serve.max_connections_per_client = cfg.max_connections_per_client;
    // Behind our own proxies, their X-Request-Id ties our lines to theirs.
    serve.limits.trust_request_id = cfg.trusted_proxies > 0;
    serve.on_listening = [&](unsigned short port) {
        std::cout << "Profile Desk is running at http://localhost:" << port << "/" << std::endl;
    };
    return http::serve(ioc, routes, serve);
}
