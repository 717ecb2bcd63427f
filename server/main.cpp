// profiledesk: serves the Profile Desk app and its JSON API.
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/serve.hpp"
#include "http/static_files.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

using namespace profiledesk;

constexpr const char* usage = R"(Usage: profiledesk [options]

Serves the Profile Desk web app (index.html, app.js, app.wasm, web/) and its API.

Options:
  --static-root DIR   folder holding index.html, loader.js, app.js, app.wasm and
                      web/ (default: build/wasm/dist, as scripts/build makes it)
  --host ADDRESS      address to listen on (default 127.0.0.1)
  --port N            port to listen on (default: $PORT, else 8080; 0 picks one)
  --help              this text

Environment: PORT (as --port).
)";

struct options {
    std::string static_root = "build/wasm/dist";
    http::serve_options serve;
};

// Parses argv; exits with a one-line error (and status 2) on bad input.
options parse_options(int argc, char** argv) {
    options o;
    if (const char* port = std::getenv("PORT"); port != nullptr && *port != '\0') {
        try {
            o.serve.port = static_cast<unsigned short>(std::stoul(port));
        } catch (const std::exception&) {
            std::cerr << "error: PORT must be a number, e.g. PORT=8080 (got '" << port << "')\n";
            std::exit(2);
        }
    }
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "error: " << arg << " needs a value (see --help)\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            std::exit(0);
        } else if (arg == "--static-root") {
            o.static_root = value();
        } else if (arg == "--host") {
            o.serve.host = value();
        } else if (arg == "--port") {
            const auto v = value();
            try {
                const auto n = std::stoul(v);
                if (n > 65535) throw std::out_of_range("port");
                o.serve.port = static_cast<unsigned short>(n);
            } catch (const std::exception&) {
                std::cerr << "error: --port must be a number from 0 to 65535, e.g. --port 8080 (got '" << v << "')\n";
                std::exit(2);
            }
        } else {
            std::cerr << "error: unknown option " << arg << " (see --help)\n";
            std::exit(2);
        }
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const auto opts = parse_options(argc, argv);

    const auto files = http::static_files::load(opts.static_root);
    for (const auto& name : files.missing()) {
        std::cerr << "warning: " << opts.static_root << "/" << name << " is missing; build the app with scripts/build\n";
    }

    http::router routes;
    routes.add(http::beast_http::verb::get, "/healthz", [](http::request&& req, http::responder respond) {
        respond(http::json_response(http::beast_http::status::ok,
                                    {{"status", "ok"}, {"service", "profiledesk"}, {"version", PROFILEDESK_VERSION}},
                                    req.version()));
    });
    routes.set_fallback([&files](http::request&& req, http::responder respond) { files.serve(req, respond); });

    boost::asio::io_context ioc;
    auto serve = opts.serve;
    serve.on_listening = [&](unsigned short port) {
        std::cout << "Profile Desk is running at http://localhost:" << port << "/" << std::endl;
    };
    return http::serve(ioc, routes, serve);
}
