// Accepts connections and keeps track of them, so shutdown can close them.
#pragma once

#include "connection.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace profiledesk::http {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds and listens; throws boost::system::system_error when it cannot.
    // With `tls` (which must outlive the listener) every connection speaks
    // TLS; `https` adds HSTS (always on with `tls`).
    listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint, const router& routes,
             connection_limits limits, bool https, boost::asio::ssl::context* tls = nullptr);

    void run();
    // Stops accepting and asks every open connection to close when idle.
    void shutdown();
    // Connections still open (not yet destroyed).
    std::size_t open_connections();
    unsigned short port() const { return port_; }

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    const router& routes_;
    const connection_limits limits_;
    const bool https_;
    boost::asio::ssl::context* const tls_;
    unsigned short port_ = 0;
    std::mutex mutex_;
    std::vector<std::weak_ptr<connection_base>> connections_;
};

}  // namespace profiledesk::http
