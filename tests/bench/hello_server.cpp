// The ceiling for scripts/bench: our HTTP layer answering a constant, with no
// session, no upstream call and no JSON work. Same listener, same connection
// code, same threads as profiledesk.
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/serve.hpp"

#include <boost/asio/io_context.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace profiledesk;
    http::serve_options options;
    options.port = argc > 1 ? static_cast<unsigned short>(std::stoul(argv[1])) : 0;
    http::router routes;
    routes.add(http::beast_http::verb::get, "/hello", [](http::request&& req, http::responder respond) {
        respond(http::json_response(http::beast_http::status::ok, {{"hello", "world"}}, req.version()));
    });
    options.on_listening = [](unsigned short port) {
        std::cout << "hello listening on http://127.0.0.1:" << port << "/" << std::endl;
    };
    boost::asio::io_context ioc;
    return http::serve(ioc, routes, options);
}
