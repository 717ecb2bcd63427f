#include "listener.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include <algorithm>
#include <iostream>

namespace profiledesk::http {

namespace beast = boost::beast;
namespace net = boost::asio;

listener::listener(net::io_context& ioc, const net::ip::tcp::endpoint& endpoint, const router& routes,
                   connection_limits limits, bool https, net::ssl::context* tls)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), routes_(routes), limits_(limits), https_(https || tls), tls_(tls) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
}

void listener::run() { do_accept(); }

void listener::do_accept() {
    // Each connection gets its own strand.
    acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, net::ip::tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;  // shut down
    if (ec) {
        std::cerr << "http: accept: " << ec.message() << "\n";
    } else {
        std::shared_ptr<connection_base> conn;
        if (tls_) {
            conn = std::make_shared<tls_connection>(std::move(socket), routes_, limits_, true, tls_);
        } else {
            conn = std::make_shared<connection>(std::move(socket), routes_, limits_, https_);
        }
        {
            const std::lock_guard lock(mutex_);
            connections_.erase(std::remove_if(connections_.begin(), connections_.end(),
                                              [](const auto& w) { return w.expired(); }),
                               connections_.end());
            connections_.push_back(conn);
        }
        conn->run();
    }
    if (acceptor_.is_open()) do_accept();
}

void listener::shutdown() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor_.close(ec);
    });
    const std::lock_guard lock(mutex_);
    for (const auto& w : connections_) {
        if (auto c = w.lock()) c->shutdown();
    }
}

std::size_t listener::open_connections() {
    const std::lock_guard lock(mutex_);
    return std::count_if(connections_.begin(), connections_.end(), [](const auto& w) { return !w.expired(); });
}

}  // namespace profiledesk::http
