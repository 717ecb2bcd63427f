// Runs a router as an HTTP server until SIGINT or SIGTERM, then drains.
#pragma once

#include "connection.hpp"
#include "router.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace profiledesk::http {

struct serve_options {
    std::string host = "127.0.0.1";  // loopback unless told otherwise
    unsigned short port = 8080;      // 0: any free port (tests)
    unsigned threads = 2;            // the I/O threads (one per core here)
    // How long in-flight requests may take to finish after a stop signal.
    std::chrono::seconds drain_timeout{10};
    connection_limits limits;
    // Open connections at most (0: default_max_connections of the open-file
    // limit), and per client (client_key.hpp; 0: none but the overall cap);
    // connection_caps.hpp.
    std::size_t max_connections = 0;
    std::size_t max_connections_per_client = 64;
    bool https = false;  // behind a TLS terminator: adds HSTS
    // Serve HTTPS ourselves with this context (certificate and key loaded by
    // the caller, who keeps it alive until serve() returns); null: plain HTTP.
    boost::asio::ssl::context* tls = nullptr;
    // Called once the port is bound (with the real port when 0 was asked).
    std::function<void(unsigned short)> on_listening;
};

// Blocks: raises the open-file soft limit to the hard limit (each connection
// holds a descriptor, and processes start with 1024), binds, serves on `threads` threads, and on SIGINT/SIGTERM stops
// accepting, lets open requests finish (up to drain_timeout), then returns 0.
// Returns 1 with a message on stderr when the address cannot be bound.
int serve(boost::asio::io_context& ioc, const router& routes, const serve_options& options);

}  // namespace profiledesk::http
