// profiledesk: serves the Profile Desk app, signs people in with OpenID
// Connect, and (soon) edits their own profile through the Management API.
#include "api/account_routes.hpp"
#include "api/auth_routes.hpp"
#include "api/dev_outbox_routes.hpp"
#include "api/email_change_routes.hpp"
#include "api/glyph_routes.hpp"
#include "api/password_routes.hpp"
#include "api/picture_routes.hpp"
#include "api/profile_routes.hpp"
#include "api/readiness.hpp"
#include "api/redis_pending_emails.hpp"
#include "api/redis_version_snapshots.hpp"
#include "api/redis_write_lock.hpp"
#include "api/session_routes.hpp"
#include "auth/login_transaction.hpp"
#include "auth/oidc_client.hpp"
#include "auth/redis_replay_guard.hpp"
#include "auth/redis_session_store.hpp"
#include "auth/redis_sign_out_marks.hpp"
#include "auth/sealer.hpp"
#include "auth/session_store.hpp"
#include "config/app_config.hpp"
#include "config/settings_docs.hpp"
#include "http/listen_address.hpp"
#include "http/redis_client_budget.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/serve.hpp"
#include "http/site_page.hpp"
#include "http/static_files.hpp"
#include "log/log.hpp"
#include "mail/make_mailer.hpp"
#include "metrics/collectors.hpp"
#include "metrics/metrics_listener.hpp"
#include "metrics/process_metrics.hpp"
#include "metrics/redis_observer.hpp"
#include "metrics/server_metrics.hpp"
#include "mgmt/granted_scopes.hpp"
#include "mgmt/users_client.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"
#include "schema/profile_schema.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
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
  --settings-markdown print the settings as the README's Markdown tables
  --settings-env      print them as an environment file (deploy/profiledesk.env.example)

Settings, from the environment or the settings file (scripts/run sets them for
the local tenant when ISSUER_BASE_URL is unset):
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
            std::cout << usage << config::settings_help();
            std::exit(0);
        } else if (arg == "--settings-markdown") {
            std::cout << config::settings_markdown();
            std::exit(0);
        } else if (arg == "--settings-env") {
            std::cout << config::settings_env_example();
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

    auto files = http::static_files::load(opts.static_root);
    for (const auto& name : files.missing()) {
        log::warn("a file of the app is missing; build the app with scripts/build",
                  {{"static_root", log::text(opts.static_root)}, {"file", log::text(name)}});
    }
    // The brand, made once (http/site_page.hpp): the page's title and site
    // island, the themes' colours for the page's CSS, the logo as checked.
    const http::site_brand brand{cfg.brand_name, !cfg.brand_logo_png.empty(), cfg.brand_accent, cfg.support_url};
    if (const auto* index = files.find("/index.html")) {
        if (auto page = http::branded_index(index->identity.body, brand)) {
            files.put("/index.html", std::move(*page), index->content_type);
        } else {
            log::warn("index.html has no <title> or site island to fill: the page shows no brand; rebuild the app",
                      {{"static_root", log::text(opts.static_root)}});
        }
    }
    files.put(std::string(http::theme_css_path), http::theme_css(cfg.brand_accent), "text/css; charset=utf-8");
    if (!cfg.brand_logo_png.empty()) files.put(std::string(http::logo_path), cfg.brand_logo_png, "image/png");

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

    // Mail (verification links, account notices): MAIL_URL's sender behind a
    // queue with a worker thread of its own. Routes that mail take this
    // pointer; with MAIL_URL unset, mailer->configured() is false.
    std::shared_ptr<mail::mailer> mailer;
    try {
        mail::mailer_settings mail_settings;  // timeouts, queue size and backoff: mail_queue.hpp, transport.hpp
        mail_settings.url = cfg.mail;
        mail_settings.from = cfg.mail_from;
        mail_settings.ca_file = cfg.ca_file;
        mailer = mail::make_mailer(std::move(mail_settings));
    } catch (const std::exception& e) {
        log::error("config: MAIL_URL is unusable", {{"error", log::text(e.what())}});
        return 2;
    }
    if (cfg.mail) {
        // Without its user and password (mail_url.hpp).
        log::info("mail: sent through MAIL_URL", {{"mail_url", log::text(mail::redacted(*cfg.mail))}});
    } else {
        log::warn("mail: MAIL_URL is unset, so changes that need an email (address, password) are off");
    }

    // The shared state's connection with SESSION_STORE=redis:// (null: the
    // memory stores). rediss:// is verified like every upstream: CA_FILE, or
    // the system's trust store.
    std::shared_ptr<redis::client> redis_client;
    const redis::key_space keys(cfg.key_prefix);
    if (cfg.redis) {
        redis::client::options o;
        o.url = *cfg.redis;
        if (o.url.tls) o.tls = tls;
        o.observe = metrics::redis_observer();
        // A connection silent for longer than any command may take is stalled.
        o.stall_timeout = std::max(o.stall_timeout, cfg.redis_timeout);
        redis_client = redis::client::create(ioc, std::move(o));
        redis_client->start();
        // The URL with its password replaced (session_store_shown).
        log::info("sessions: shared in Redis", {{"store", log::text(cfg.session_store_shown())}});
    }

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
    if (redis_client) {
        auth->sessions = auth::make_redis_session_store(redis_client, keys, {cfg.session_idle, cfg.session_absolute},
                                                        cfg.max_sessions_per_user, cfg.redis_timeout);
        auth->sign_out_marks = auth::make_redis_sign_out_marks(redis_client, keys, auth::default_sign_out_memory,
                                                               cfg.redis_timeout);
        auth->used_states = auth::make_redis_replay_guard(redis_client, keys, auth->transaction_lifetime,
                                                          cfg.redis_timeout);
    } else {
        auth->sessions = auth::make_memory_session_store({cfg.session_idle, cfg.session_absolute},
                                                         auth::memory_session_store::default_max_sessions,
                                                         cfg.max_sessions_per_user);
    }
    auth->transaction_sealer = std::make_shared<auth::sealer>(cfg.secret, auth::login_transaction_purpose);
    auth->base_url = base_url;
    auth->https = cfg.https();
    auth->origin = cfg.origin();
    // A budget of n requests a minute per client, shared by the cluster with Redis.
    const auto per_minute = [&](const char* name, unsigned n) -> std::shared_ptr<http::client_budget> {
        if (n == 0) return nullptr;
        if (redis_client)
            return http::make_redis_client_budget(redis_client, keys, {name, double(n), n / 60.0, cfg.redis_timeout});
        return std::make_shared<http::per_client_budget>(http::per_client_budget::limits{double(n), n / 60.0});
    };
    auth->sign_in_throttle = per_minute("sign-in", cfg.sign_in_per_minute);
    auth->trusted_proxies = cfg.trusted_proxies;

    mgmt::mgmt_settings mgmt_settings;
    mgmt_settings.issuer = cfg.issuer_base_url;
    mgmt_settings.audience = cfg.mgmt_audience;
    mgmt_settings.client_id = cfg.mgmt_client_id;
    mgmt_settings.client_secret = cfg.mgmt_client_secret;
    mgmt_settings.cache_ttl = cfg.profile_cache_ttl;
    mgmt_settings.rate_limit_per_second = cfg.mgmt_rate_limit;
    mgmt_settings.rate_limit_burst = cfg.mgmt_rate_burst;
    if (cfg.allow_account_deletion) {
        // Checked now rather than at a user's first deletion (granted_scopes.hpp).
        const auto scopes = mgmt::fetch_granted_scopes(tls, mgmt_settings);
        if (const auto* why = std::get_if<std::string>(&scopes)) {
            log::error("ALLOW_ACCOUNT_DELETION=true: cannot check that the Management API client has delete:users",
                       {{"problem", log::text(*why)}});
            return 2;
        }
        if (std::get<std::set<std::string>>(scopes).count("delete:users") == 0) {
            log::error(
                "ALLOW_ACCOUNT_DELETION=true needs the delete:users scope: grant it to the Management API client "
                "(MGMT_CLIENT_ID) or set ALLOW_ACCOUNT_DELETION=false");
            return 2;
        }
    }
    auto profile = std::make_shared<api::profile_context>();
    profile->auth = auth;
    // With Redis, the M2M token, the tenant's rate budget and the read cache
    // are the cluster's, not this process's: the tenant sees one client.
    profile->users = mgmt::users_client::create(
        ioc, tls, mgmt_settings,
        redis_client ? mgmt::redis_shared_state(redis_client, keys, mgmt_settings) : mgmt::shared_state{});
    profile->policies = std::make_shared<mgmt::connection_policies>(
        profile->users, std::make_shared<upstream::http_client>(ioc, tls), mgmt_settings);
    profile->schema = schema;
    profile->edits.sync_off_connections = {cfg.sync_off_connections.begin(), cfg.sync_off_connections.end()};
    profile->edits.allow_account_deletion = cfg.allow_account_deletion;
    profile->origin = cfg.origin();
    profile->write_budget = per_minute("writes", cfg.profile_writes_per_minute);
    if (redis_client) {
        // Conflict checks across instances: the versions each one showed, and
        // one save per user at a time in the whole cluster.
        profile->versions = api::make_redis_version_snapshots(
            redis_client, keys, {api::version_snapshots::default_per_user, std::chrono::hours(24), cfg.redis_timeout});
        api::redis_lock_settings lock;
        lock.command_timeout = cfg.redis_timeout;
        profile->locks = api::make_redis_write_lock(ioc, redis_client, keys, lock);
    }

    // Email changes (issue 17): the pending change per user, the sealed link,
    // each user's mail budget; shared by the cluster with Redis.
    auto email = std::make_shared<api::email_change_context>();
    email->auth = auth;
    email->users = profile->users;
    email->link_sealer = std::make_shared<auth::sealer>(cfg.secret, api::email_change_link_purpose);
    email->edits = profile->edits;
    email->origin = cfg.origin();
    email->base_url = base_url;
    if (mailer && mailer->configured()) email->mailer = mailer;  // unset MAIL_URL: 503 mail_unavailable
    const double mails_per_second = api::email_mails_per_hour / 3600;
    email->mail_budget = redis_client ? http::make_redis_client_budget(
                                            redis_client, keys,
                                            {"emails", api::email_mails_per_hour, mails_per_second, cfg.redis_timeout})
                                      : std::make_shared<http::per_client_budget>(http::per_client_budget::limits{
                                            api::email_mails_per_hour, mails_per_second});
    if (redis_client) email->pending = api::make_redis_pending_emails(redis_client, keys, cfg.redis_timeout);
    profile->pending_changes = email->pending;

    http::router routes;
    routes.add(http::beast_http::verb::get, "/healthz", [](http::request&& req, http::responder respond) {
        respond(http::json_response(http::beast_http::status::ok,
                                    {{"status", "ok"}, {"service", "profiledesk"}, {"version", PROFILEDESK_VERSION}},
                                    req.version()));
    });
    routes.add(http::beast_http::verb::get, "/readyz", api::readiness_route(auth->oidc, profile->users, redis_client));
    api::add_auth_routes(routes, auth);
    api::add_session_routes(routes, auth);
    api::add_profile_routes(routes, profile);
    api::add_email_change_routes(routes, email);
    auto account = std::make_shared<api::account_context>();
    account->auth = auth;
    account->users = profile->users;
    account->allow_deletion = cfg.allow_account_deletion;
    account->export_app_metadata = cfg.export_app_metadata;
    account->export_budget = redis_client
                                 ? http::make_redis_client_budget(redis_client, keys,
                                                                  {"exports", double(api::export_budget_per_hour),
                                                                   api::export_budget_per_hour / 3600.0,
                                                                   cfg.redis_timeout})
                                 : std::make_shared<http::per_client_budget>(http::per_client_budget::limits{
                                       double(api::export_budget_per_hour), api::export_budget_per_hour / 3600.0});
    // The export shows the email change awaiting its link, from the same store.
    account->pending_email = [pending = email->pending](const std::string& sub,
                                                        state::callback<std::optional<core::pending_email_view>> done) {
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch());
        pending->find(sub, now.count(), [done](state::outcome<std::optional<api::pending_email>> found) {
            using answer = state::outcome<std::optional<core::pending_email_view>>;
            if (!found.available()) return done(answer::unavailable());
            std::optional<core::pending_email_view> view;
            if (const auto& p = *found.value) view = core::pending_email_view{p->address, p->expires_at};
            done(answer::of(view));
        });
    };
    api::add_account_routes(routes, account);
    auto password = std::make_shared<api::password_context>();
    password->profile = profile;
    password->mailer = mailer;  // the notice after a change; with MAIL_URL unset it is only logged
    api::add_password_routes(routes, password);
    api::add_glyph_routes(routes, glyphs, per_minute("glyphs", cfg.glyph_requests_per_minute), cfg.trusted_proxies);
    auto picture = std::make_shared<api::picture_context>();
    picture->auth = auth;
    picture->users = profile->users;
    picture->fetcher = api::make_picture_fetcher(ioc, picture_tls, cfg.picture_allow_private_addresses);
    picture->any_port = cfg.picture_allow_private_addresses;  // test hosts listen on free ports
    picture->throttle = per_minute("pictures", cfg.picture_requests_per_minute);
    picture->trusted_proxies = cfg.trusted_proxies;
    api::add_picture_routes(routes, picture);
    if (cfg.picture_allow_private_addresses) {
        log::warn(
            "PICTURE_ALLOW_PRIVATE_ADDRESSES is on: a user's picture URL can reach this server's own network. "
            "Only for development and tests.");
    }
    if (cfg.dev_outbox) {
        // load_config allows it only with MAIL_URL=file: and a plain-http BASE_URL.
        api::add_dev_outbox_routes(routes, cfg.mail->directory);
        log::warn("DEV_OUTBOX is on: GET /dev/outbox shows every email sent. Only for development.");
    }
    routes.set_fallback([&files](http::request&& req, http::responder respond) { files.serve(req, respond); });

    // Metrics: our own, the process's, and what the Management API client
    // and the session store already count (read at each scrape).
    auto& registry = metrics::default_registry();
    auto& recorded = metrics::server();
    metrics::add_build_info(registry, PROFILEDESK_VERSION);
    metrics::add_process_metrics(registry);
    metrics::add_mgmt_metrics(registry, profile->users);
    metrics::add_session_metrics(registry, auth->sessions);
    routes.set_observer([&recorded](std::string_view route, http::beast_http::verb method, unsigned status,
                                    std::chrono::steady_clock::duration took) {
        // The fallback serves the site's files; its 404 is a path no route has.
        const std::string_view label = !route.empty() ? route : status == 404 ? "unmatched" : "static";
        const auto name = http::beast_http::to_string(method);  // "<unknown>" for any verb Beast does not know
        recorded.request(label, {name.data(), name.size()}, status, took);
    });
    const auto metrics_routes = metrics::metrics_router(registry);
    std::shared_ptr<http::listener> metrics_listener;
    if (!cfg.metrics_address.empty()) {
        const auto address = http::parse_listen_address(cfg.metrics_address);  // checked by load_config
        try {
            metrics_listener = metrics::start_metrics_listener(ioc, *address, metrics_routes);
        } catch (const std::exception& e) {
            log::error("cannot serve metrics on METRICS_ADDRESS",
                       {{"address", log::text(cfg.metrics_address)}, {"error", log::text(e.what())}});
            return 1;
        }
        const bool v6 = address->host.find(':') != std::string::npos;
        std::cout << "Metrics are served at http://" << (v6 ? "[" + address->host + "]" : address->host) << ":"
                  << metrics_listener->port() << "/metrics" << std::endl;
    }

    auth->oidc->start();

    http::serve_options serve;
    serve.host = opts.host;
    serve.port = opts.port.value_or(cfg.port);
    serve.https = cfg.https();
    serve.max_connections = cfg.max_connections;
    serve.max_connections_per_client = cfg.max_connections_per_client;
    // Behind our own proxies, their X-Request-Id ties our lines to theirs.
    serve.limits.trust_request_id = cfg.trusted_proxies > 0;
    serve.limits.instance_id = cfg.instance_id;
    serve.on_listening = [&](unsigned short port) {
        std::cout << "Profile Desk is running at http://localhost:" << port << "/" << std::endl;
    };
    return http::serve(ioc, routes, serve);
}
