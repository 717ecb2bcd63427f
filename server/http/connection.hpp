// One HTTP/1.1 connection: reads requests, hands them to the router, writes the
// answers, in order, until the peer closes, a timeout fires or we shut down.
// The shape of Beast's http_server_async session.
#pragma once

#include "router.hpp"
#include "types.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

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
    // Cookies and a few headers fit easily; more is abuse.
    std::uint32_t header_limit = 8 * 1024;
    // The largest body any route accepts (PATCH /api/profile: 16 KiB).
    std::uint64_t body_limit = 16 * 1024;
};

class connection : public std::enable_shared_from_this<connection> {
public:
    connection(boost::asio::ip::tcp::socket&& socket, const router& routes, const connection_limits& limits,
               bool https);

    void run();
    // Closes the connection once the request in progress (if any) is answered.
    void shutdown();

private:
    void do_read();
    void on_header(boost::beast::error_code ec, std::size_t);
    void on_read(boost::beast::error_code ec, std::size_t);
    void handle(request&& req);
    void send(response res);
    void on_write(bool close, boost::beast::error_code ec, std::size_t);
    void reject(beast_http::status status, std::string_view code, std::string_view message);
    void close();

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    std::shared_ptr<response> res_;
    const router& routes_;
    const connection_limits limits_;
    const bool https_;
    bool busy_ = false;      // a request is being handled or answered
    bool stopping_ = false;  // shutdown() was called
    // For the request log line.
    std::chrono::steady_clock::time_point started_;
    std::string method_, path_;
    bool keep_alive_ = false;
    unsigned version_ = 11;
};

}  // namespace profiledesk::http
