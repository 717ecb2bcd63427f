#include "listener.hpp"

#include "client_key.hpp"
#include "log/log.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

namespace profiledesk::http {

namespace beast = boost::beast;
namespace net = boost::asio;

listener::listener(net::io_context& ioc, const net::ip::tcp::endpoint& endpoint, const router& routes,
                   connection_limits limits, bool https, net::ssl::context* tls, connection_caps::limits caps)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()),
      routes_(routes),
      limits_(limits),
      https_(https || tls),
      tls_(tls),
      caps_(std::make_shared<connection_caps>(caps)) {
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
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;  // shut down
    if (!ec) {
        backoff_.succeeded();
        admit(std::move(socket));
        return do_accept();
    }
    // Out of file descriptors (EMFILE, ENFILE), of buffers (ENOBUFS), or a
    // peer gone before we took it: retrying at once fails again while the
    // queue is full, burning a core; wait, and say so once per interval.
    if (const auto line = accept_failures_.note(std::chrono::steady_clock::now())) {
        // The first failure of a run (interval 0), then a count per interval.
        log::warn(
            "http: accept failing, backing off (at most one line per 10 s)",
            {{"error", log::text(ec.message())}, {"failures", line->count}, {"interval_s", line->interval.count()}});
    }
    retry_timer_.expires_after(backoff_.failed());
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec && self->acceptor_.is_open()) self->do_accept();
    });
}

void listener::admit(net::ip::tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;  // gone already
    std::shared_ptr<connection_base> conn;
    if (tls_) {
        conn = std::make_shared<tls_connection>(std::move(socket), routes_, limits_, true, tls_);
    } else {
        conn = std::make_shared<connection>(std::move(socket), routes_, limits_, https_);
    }
    auto admission = caps_->admit(client_key(peer.address()), conn);
    for (const auto& idle : admission.to_close) idle->close_idle();
    if (admission.admitted == 0) {
        // Every connection of this client, or every connection, is busy:
        // closing the new one (conn's destructor) keeps those served.
        if (const auto line = refusals_.note(std::chrono::steady_clock::now())) {
            log::warn(
                "http: connection cap reached with no idle connection to close, refusing new connections "
                "(at most one line per 10 s)",
                {{"refused", line->count}, {"interval_s", line->interval.count()}});
        }
        return;
    }
    conn->run(caps_, admission.admitted);
}

void listener::shutdown() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor_.close(ec);
        self->retry_timer_.cancel();
    });
    for (const auto& c : caps_->connections()) c->shutdown();
}

std::size_t listener::open_connections() { return caps_->open(); }

}  // namespace profiledesk::http
