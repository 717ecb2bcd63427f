#include "connection.hpp"

#include "request_checks.hpp"
#include "responses.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <iostream>

namespace profiledesk::http {

namespace beast = boost::beast;
namespace net = boost::asio;

namespace {

// Names the failure in one line; never a request's content.
void fail(beast::error_code ec, const char* what) {
    // Peers that vanish or time out are routine, not worth a line each.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == beast_http::error::end_of_stream) {
        return;
    }
    std::cerr << "http: " << what << ": " << ec.message() << "\n";
}

std::atomic<std::uint64_t> next_request_id{1};

// The parser refused the bytes (as opposed to the peer leaving or a timeout).
bool is_malformed(beast::error_code ec) {
    static const auto& http_category = beast::error_code(beast_http::error::bad_version).category();
    return ec.category() == http_category && ec != beast_http::error::end_of_stream &&
           ec != beast_http::error::partial_message;
}

}  // namespace

connection::connection(net::ip::tcp::socket&& socket, const router& routes, const connection_limits& limits,
                       bool https)
    : stream_(std::move(socket)), routes_(routes), limits_(limits), https_(https) {}

void connection::run() {
    // The socket's strand runs everything of this connection.
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&connection::do_read, shared_from_this()));
}

void connection::shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->stopping_ = true;
        // Idle (waiting for a request): close now. Busy: on_write closes.
        if (!self->busy_) self->close();
    });
}

void connection::do_read() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->header_limit(limits_.header_limit);
    parser_->body_limit(limits_.body_limit);
    // Set the timeout: one for the whole request, header and body.
    stream_.expires_after(limits_.read_timeout);
    // The header first: framing is checked before a byte of body is read.
    beast_http::async_read_header(stream_, buffer_, *parser_,
                                  beast::bind_front_handler(&connection::on_header, shared_from_this()));
}

void connection::on_header(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::header_limit) {
        return reject(beast_http::status::request_header_fields_too_large, "headers_too_large",
                      "The request headers are too large.");
    }
    if (ec == beast_http::error::body_limit) {
        return reject(beast_http::status::payload_too_large, "body_too_large", "The request body is too large.");
    }
    if (ec) {
        if (is_malformed(ec)) {
            return reject(beast_http::status::bad_request, "bad_request", "The request is malformed.");
        }
        fail(ec, "read");
        return close();
    }
    if (const auto problem = framing_problem(parser_->get().base())) {
        std::cerr << "http: refused request framing: " << *problem << "\n";
        return reject(beast_http::status::bad_request, "bad_request", "Ambiguous request framing: " + *problem + ".");
    }
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&connection::on_read, shared_from_this()));
}

void connection::on_read(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::body_limit) {
        return reject(beast_http::status::payload_too_large, "body_too_large", "The request body is too large.");
    }
    if (ec) {
        if (is_malformed(ec)) {
            return reject(beast_http::status::bad_request, "bad_request", "The request is malformed.");
        }
        fail(ec, "read");
        return close();
    }
    handle(parser_->release());
}

void connection::handle(request&& req) {
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    method_ = std::string(req.method_string());
    // The path only: query strings carry OAuth codes and states, never logged.
    path_ = std::string(target_path(std::string_view(req.target().data(), req.target().size())));
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    // Stop the read timer while the handler works; the handler has its own deadlines.
    stream_.expires_never();
    routes_.dispatch(std::move(req), [self = shared_from_this()](response res) {
        net::post(self->stream_.get_executor(),
                  [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
    });
}

void connection::send(response res) {
    const bool close_after = stopping_ || !keep_alive_ || res.need_eof();
    res.version(version_);
    res.keep_alive(!close_after);
    res.set(beast_http::field::server, "profiledesk");
    apply_security_headers(res, https_);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
    std::cerr << "req=" << next_request_id++ << " " << method_ << " " << path_ << " " << res.result_int() << " "
              << ms.count() << "ms\n";
    res_ = std::make_shared<response>(std::move(res));
    // Set the timeout.
    stream_.expires_after(limits_.write_timeout);
    beast_http::async_write(stream_, *res_,
                            beast::bind_front_handler(&connection::on_write, shared_from_this(), close_after));
}

void connection::on_write(bool close_after, beast::error_code ec, std::size_t) {
    busy_ = false;
    res_.reset();
    if (ec) {
        fail(ec, "write");
        return close();
    }
    if (close_after) return close();
    do_read();
}

void connection::reject(beast_http::status status, std::string_view code, std::string_view message) {
    // A request we cannot frame leaves the stream in an unknown state: answer, then close.
    busy_ = true;
    keep_alive_ = false;
    stopping_ = true;
    started_ = std::chrono::steady_clock::now();
    method_ = "-";
    path_ = "-";
    version_ = 11;
    send(error_response(status, code, message));
}

void connection::close() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    stream_.close();
}

}  // namespace profiledesk::http
