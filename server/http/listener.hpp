// Accepts connections within the connection caps, backs off when accept
// fails, and keeps track of the connections so shutdown can close them.
#pragma once

#include "accept_backoff.hpp"
#include "connection.hpp"
#include "connection_caps.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>

namespace profiledesk::http {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds and listens; throws boost::system::system_error when it cannot.
    // With `tls` (which must outlive the listener) every connection speaks
    // TLS; `https` adds HSTS (always on with `tls`).
    listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint, const router& routes,
             connection_limits limits, bool https, boost::asio::ssl::context* tls = nullptr,
             connection_caps::limits caps = {});

    void run();
    // Stops accepting and asks every open connection to close when idle.
    void shutdown();
    // Connections still open (not yet destroyed).
    std::size_t open_connections();
    unsigned short port() const { return port_; }

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
    void admit(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;  // the wait after a failed accept; on the acceptor's strand
    const router& routes_;
    const connection_limits limits_;
    const bool https_;
    boost::asio::ssl::context* const tls_;
    unsigned short port_ = 0;
    const std::shared_ptr<connection_caps> caps_;
    // Touched on the acceptor's strand only.
    accept_backoff backoff_;
    event_report accept_failures_{std::chrono::seconds{10}};
    event_report refusals_{std::chrono::seconds{10}};
};

}  // namespace profiledesk::http
