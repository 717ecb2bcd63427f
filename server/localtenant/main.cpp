// localtenant: an Auth0-compatible tenant for development and tests.
#include "http/serve.hpp"
#include "localtenant/host_allowlist.hpp"
#include "localtenant/options.hpp"
#include "localtenant/seed.hpp"
#include "localtenant/signing_keys.hpp"
#include "localtenant/store.hpp"
#include "localtenant/tenant.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include <iostream>
#include <memory>

using namespace profiledesk;
using namespace profiledesk::localtenant;

int main(int argc, char** argv) {
    const auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (parsed.help) {
        std::cout << usage;
        return 0;
    }
    if (!parsed.opts) {
        std::cerr << "error: " << parsed.error << "\n";
        return 2;
    }
    const auto& o = *parsed.opts;
    if (!is_loopback_host(o.host)) {
        std::cerr << "localtenant: WARNING: listening on " << o.host
                  << " (--insecure-public): the seed's secrets and passwords are public, anyone who reaches this "
                     "port can read and change every user\n";
    }
    try {
        store db(o.db_path);
        if (!o.seed_path.empty()) {
            const auto outcome = apply_seed(db, load_seed_file(o.seed_path, std::chrono::system_clock::now()));
            std::cerr << "localtenant: seed " << o.seed_path << ": " << outcome.users_added << " users added, "
                      << outcome.users_kept << " kept\n";
        }
        auto keys = signing_keys::load_or_create(db);

        std::unique_ptr<boost::asio::ssl::context> tls;
        if (o.tls()) {
            tls = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
            // TLS 1.2 and 1.3 only; OpenSSL's default ciphers for them.
            tls->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                             boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                             boost::asio::ssl::context::no_tlsv1_1 | boost::asio::ssl::context::single_dh_use);
            tls->use_certificate_chain_file(o.tls_cert);
            tls->use_private_key_file(o.tls_key, boost::asio::ssl::context::pem);
        }

        boost::asio::io_context ioc;
        std::unique_ptr<tenant> t;
        std::unique_ptr<http::router> routes = std::make_unique<http::router>();
        std::unique_ptr<host_allowlist> hosts;
        http::serve_options serve;
        serve.host = bind_address(o.host);
        serve.port = o.port;
        serve.threads = o.threads;
        serve.tls = tls.get();
        // The largest body: a PATCH near the 10 KB profile limit, as JSON.
        serve.limits.body_limit = 64 * 1024;

        // The issuer names the real port, known only once bound: the routes
        // are built then, before the first request can be accepted (the
        // listener accepts on the io_context, which is not running yet).
        http::router dispatcher;
        dispatcher.set_fallback([&routes, &hosts](http::request&& req, http::responder respond) {
            // Before any route: a request for another name may come from a
            // web page through DNS rebinding (host_allowlist.hpp).
            if (!hosts->allows(header(req, boost::beast::http::field::host))) {
                return respond(
                    oauth_error_answer({421, "invalid_host",
                                        "This tenant answers only to " + hosts->describe() +
                                            " (its address and issuer); start it with --issuer to add a name."},
                                       req.version()));
            }
            routes->dispatch(std::move(req), std::move(respond));
        });
        serve.on_listening = [&](unsigned short port) {
            tenant_config config;
            config.issuer = issuer_for(o, port);
            config.https = o.tls();
            config.admin = o.admin;
            config.rate_limit = o.rate_limit;
            config.rate_burst = o.rate_burst;
            config.m2m_token_ttl = o.m2m_token_ttl;
            config.sign_in_per_minute = o.sign_in_per_minute;
            hosts = std::make_unique<host_allowlist>(o.host, port, o.tls(), config.issuer);
            t = std::make_unique<tenant>(ioc, db, std::move(keys), config);
            *routes = t->routes();
            const bool v6 = o.host.find(':') != std::string::npos;
            std::cout << "localtenant listening on " << (o.tls() ? "https" : "http") << "://"
                      << (v6 ? "[" + o.host + "]" : o.host) << ":" << port << "/" << std::endl;
            if (!o.issuer.empty()) std::cerr << "localtenant: issuer " << config.issuer << "\n";
        };
        return http::serve(ioc, dispatcher, serve);
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
