// One HTTP/1.1 connection: reads requests, hands them to the router, writes the
// answers, in order, until the peer closes, a timeout fires or we shut down.
// The shape of Beast's http_server_async session (and, over TLS, of
// advanced_server_flex's ssl_http_session): one class template over the
// stream, a plain TCP stream or a TLS stream on top of one.
#pragma once

#include "log/log.hpp"
#include "request_checks.hpp"
#include "router.hpp"
#include "types.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <memory>
#include <optional>

namespace profiledesk::http {

// Limits and timeouts for every connection, each with its reason.
struct connection_limits {
    // Waiting for, then reading, one whole request (slowloris defence).
    std::chrono::seconds read_timeout{30};
    // Writing one response to a slow reader.
    std::chrono::seconds write_timeout{30};
    // The TLS handshake, and the TLS close_notify exchange at the end: a peer
    // that opens a socket and never speaks TLS must not hold it for long.
    std::chrono::seconds tls_handshake_timeout{10};
    // Cookies and a few headers fit easily; more is abuse.
    std::uint32_t header_limit = 8 * 1024;
    // The largest body any route accepts (PATCH /api/profile: 16 KiB).
    std::uint64_t body_limit = 16 * 1024;
    // A handler's answer. Handlers keep their own deadlines (upstream calls
    // end well within this); a handler that never answers (a bug) must not
    // hold the connection, so past this the connection answers 503 itself.
    std::chrono::milliseconds handler_timeout{60000};
    // Not a limit but the same per-connection policy: take a request's id
    // from its X-Request-Id (request_id.hpp); only behind TRUSTED_PROXIES.
    bool trust_request_id = false;
    // Not a limit, but set once for every connection like these: names this
    // instance in every response (instance_field), so which instance behind a
    // load balancer answered is visible (INSTANCE_ID). Empty: no header.
    std::string instance_id;
};

class connection_caps;

// What the listener needs from a connection, whatever its stream.
class connection_base {
public:
    virtual ~connection_base() = default;
    // Starts serving; tells `caps` (connection_caps.hpp; null: no caps) under
    // `id` when it is idle and when a request begins, and when it is gone.
    virtual void run(std::shared_ptr<connection_caps> caps, std::uint64_t id) = 0;
    // Closes the connection once the request in progress (if any) is answered.
    virtual void shutdown() = 0;
    // Closes the connection if it still waits idle for a request (the caps
    // chose it to make room; one that has begun a request closes itself).
    virtual void close_idle() = 0;
};

template <class Stream>
class basic_connection : public connection_base, public std::enable_shared_from_this<basic_connection<Stream>> {
public:
    // `tls` is required for a TLS stream (and must outlive the connection;
    // serve()'s caller owns it), ignored for a plain one. `https` adds HSTS
    // (behind a TLS terminator); a TLS stream always does.
    basic_connection(boost::asio::ip::tcp::socket&& socket, const router& routes, const connection_limits& limits,
                     bool https, boost::asio::ssl::context* tls = nullptr);

    ~basic_connection() override;
    void run(std::shared_ptr<connection_caps> caps, std::uint64_t id) override;
    void shutdown() override;
    void close_idle() override;

private:
    static constexpr bool is_tls = !std::is_same_v<Stream, boost::beast::tcp_stream>;
    static Stream make_stream(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context* tls);

    // Waits idle for the first byte of the next request (or of the TLS
    // handshake) from `from`, then, unless the caps closed it meanwhile, calls `next`.
    template <class ReadStream>
    void await_request(ReadStream& from, void (basic_connection::*next)());
    void start_handshake();
    void on_handshake(boost::beast::error_code ec);
    void do_read();
    void read_header();
    void on_header(boost::beast::error_code ec, std::size_t);
    void on_read(boost::beast::error_code ec, std::size_t);
    void handle(request&& req);
    void send(response res);
    void on_write(bool close, boost::beast::error_code ec, std::size_t);
    void reject(beast_http::status status, std::string_view code, std::string_view message);
    void close();
    void drop();  // closes the socket at once, no TLS close_notify, no answer
    boost::beast::tcp_stream& tcp() { return boost::beast::get_lowest_layer(stream_); }

    Stream stream_;
    boost::asio::steady_timer handler_timer_;  // limits_.handler_timeout for the request being handled
    boost::beast::flat_buffer buffer_;
    header_scan scan_;  // the raw header bytes of the request being read
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    std::size_t header_fields_ = 0;  // fields in the header: more after the body are trailer fields
    std::shared_ptr<response> res_;
    const router& routes_;
    const connection_limits limits_;
    const bool https_;
    bool busy_ = false;      // a request is being handled or answered
    bool stopping_ = false;  // shutdown() was called
    bool closed_ = false;    // close() ran (TLS: the close_notify may still be in flight)
    bool idle_ = false;      // waiting for the first byte of a request, nothing in flight
    std::shared_ptr<connection_caps> caps_;
    std::uint64_t caps_id_ = 0;
    // For the request log line.
    std::chrono::steady_clock::time_point started_;
    std::string method_, path_;
    log::request_id request_id_;  // set once a request's header is read (request_id.hpp)
    std::string peer_;            // the client's address, for per_client_budget (never logged)
    bool keep_alive_ = false;
    unsigned version_ = 11;
};

using connection = basic_connection<boost::beast::tcp_stream>;
using tls_connection = basic_connection<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

extern template class basic_connection<boost::beast::tcp_stream>;
extern template class basic_connection<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace profiledesk::http
