#include "connection.hpp"

#include "connection_caps.hpp"
#include "log/log.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "request_id.hpp"
#include "responses.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>

#include <atomic>
#include <charconv>
#include <stdexcept>

namespace profiledesk::http {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

namespace {

// Names the failure in one line; never a request's content.
void fail(beast::error_code ec, const char* what, const log::request_id& id = {}) {
    // Peers that vanish or time out are routine, not worth a line each; so is
    // a TLS peer that closes without close_notify (most HTTP clients do).
    // A client gone mid-request (partial_message) likewise: a line each would
    // let anyone write our log at the rate they open connections.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == beast_http::error::end_of_stream ||
        ec == beast_http::error::partial_message || ec == ssl::error::stream_truncated ||
        ec == net::error::broken_pipe) {
        return;
    }
    log::warn(id, "http: connection failed", {{"step", log::text(what)}, {"error", log::text(ec.message())}});
}

// One read while a request's header arrives: a header fits in two (header_limit is 8 KiB).
constexpr std::size_t header_read_size = 4096;

// The parser refused the bytes (as opposed to the peer leaving or a timeout).
bool is_malformed(beast::error_code ec) {
    static const auto& http_category = beast::error_code(beast_http::error::bad_version).category();
    return ec.category() == http_category && ec != beast_http::error::end_of_stream &&
           ec != beast_http::error::partial_message;
}

}  // namespace

template <class Stream>
Stream basic_connection<Stream>::make_stream(net::ip::tcp::socket&& socket, ssl::context* tls) {
    if constexpr (is_tls) {
        if (tls == nullptr) throw std::invalid_argument("a TLS connection needs an ssl::context");
        return Stream(std::move(socket), *tls);
    } else {
        return Stream(std::move(socket));
    }
}

template <class Stream>
basic_connection<Stream>::basic_connection(net::ip::tcp::socket&& socket, const router& routes,
                                           const connection_limits& limits, bool https, ssl::context* tls)
    : stream_(make_stream(std::move(socket), tls)),
      handler_timer_(stream_.get_executor()),
      routes_(routes),
      limits_(limits),
      https_(https || is_tls) {
    beast::error_code ec;
    const auto peer = tcp().socket().remote_endpoint(ec);
    if (!ec) peer_ = peer.address().to_string();
}

template <class Stream>
basic_connection<Stream>::~basic_connection() {
    if (caps_) caps_->closed(caps_id_);
}

template <class Stream>
void basic_connection<Stream>::run(std::shared_ptr<connection_caps> caps, std::uint64_t id) {
    caps_ = std::move(caps);
    caps_id_ = id;
    // The socket's strand runs everything of this connection.
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
        if constexpr (is_tls) {
            // Set the timeout: the first byte and the whole handshake.
            self->tcp().expires_after(self->limits_.tls_handshake_timeout);
            self->await_request(self->tcp(), &basic_connection::start_handshake);
        } else {
            self->do_read();
        }
    });
}

template <class Stream>
template <class ReadStream>
void basic_connection<Stream>::await_request(ReadStream& from, void (basic_connection::*next)()) {
    idle_ = true;
    if (caps_) caps_->idle(caps_id_);
    from.async_read_some(buffer_.prepare(header_read_size),
                         [self = this->shared_from_this(), next](beast::error_code ec, std::size_t n) {
                             self->idle_ = false;
                             self->buffer_.commit(n);
                             if (ec) {
                                 fail(ec, "read");
                                 return self->drop();
                             }
                             // Chosen to make room just as the request began: the client retries.
                             if (self->caps_ && !self->caps_->busy(self->caps_id_)) return self->drop();
                             ((*self).*next)();
                         });
}

template <class Stream>
void basic_connection<Stream>::start_handshake() {
    if constexpr (is_tls) {
        // The bytes already read are the start of the handshake.
        stream_.async_handshake(ssl::stream_base::server, buffer_.data(),
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t used) {
                                    self->buffer_.consume(used);
                                    self->on_handshake(ec);
                                });
    }
}

template <class Stream>
void basic_connection<Stream>::on_handshake(beast::error_code ec) {
    if (ec) {
        fail(ec, "tls handshake");
        return drop();
    }
    do_read();
}

template <class Stream>
void basic_connection<Stream>::shutdown() {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
        self->stopping_ = true;
        // Idle (waiting for a request): close now. Busy: on_write closes.
        if (!self->busy_) self->close();
    });
}

template <class Stream>
void basic_connection<Stream>::close_idle() {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
        if (self->idle_) self->drop();
    });
}

template <class Stream>
void basic_connection<Stream>::do_read() {
    if (stopping_) return close();
    request_id_ = {};
    parser_.emplace();
    parser_->header_limit(limits_.header_limit);
    parser_->body_limit(limits_.body_limit);
    scan_ = header_scan{};
    // Set the timeout: one for the whole request, header and body.
    tcp().expires_after(limits_.read_timeout);
    if (buffer_.size() > 0) {
        // The next pipelined request is here already.
        if (caps_ && !caps_->busy(caps_id_)) return drop();
        return read_header();
    }
    await_request(stream_, &basic_connection::read_header);
}

template <class Stream>
void basic_connection<Stream>::read_header() {
    const auto data = buffer_.data();
    switch (scan_.scan(std::string_view(static_cast<const char*>(data.data()), data.size()))) {
        case header_scan::verdict::obs_fold:
            return reject(beast_http::status::bad_request, core::api_error::bad_request,
                          "A header line begins with a space or tab (obs-fold, RFC 9112 5.2), which is not accepted.");
        case header_scan::verdict::bare_lf:
            return reject(beast_http::status::bad_request, core::api_error::bad_request,
                          "Header lines must end with CR LF.");
        case header_scan::verdict::complete:
            // The header is in buffer_: the parser reads it from there. The
            // header first: framing is checked before a byte of body is read.
            return beast_http::async_read_header(
                stream_, buffer_, *parser_,
                beast::bind_front_handler(&basic_connection::on_header, this->shared_from_this()));
        case header_scan::verdict::incomplete: break;
    }
    if (buffer_.size() >= limits_.header_limit) {
        return reject(beast_http::status::request_header_fields_too_large, core::api_error::headers_too_large,
                      "The request headers are too large.");
    }
    stream_.async_read_some(buffer_.prepare(header_read_size),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->buffer_.commit(n);
                                if (ec) {
                                    fail(ec, "read");
                                    return self->close();
                                }
                                self->read_header();
                            });
}

template <class Stream>
void basic_connection<Stream>::on_header(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::header_limit) {
        return reject(beast_http::status::request_header_fields_too_large, core::api_error::headers_too_large,
                      "The request headers are too large.");
    }
    if (ec == beast_http::error::body_limit) {
        return reject(beast_http::status::payload_too_large, core::api_error::body_too_large,
                      "The request body is too large.");
    }
    if (ec) {
        if (is_malformed(ec)) {
            return reject(beast_http::status::bad_request, core::api_error::bad_request, "The request is malformed.");
        }
        fail(ec, "read");
        return close();
    }
    request_id_ = request_id_for(parser_->get(), limits_.trust_request_id);
    if (const auto problem = framing_problem(parser_->get().base())) {
        log::warn(request_id_, "http: refused request framing", {{"problem", log::text(*problem)}});
        return reject(beast_http::status::bad_request, core::api_error::bad_request,
                      "Ambiguous request framing: " + *problem + ".");
    }
    header_fields_ = std::distance(parser_->get().begin(), parser_->get().end());
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&basic_connection::on_read, this->shared_from_this()));
}

template <class Stream>
void basic_connection<Stream>::on_read(beast::error_code ec, std::size_t) {
    if (ec == beast_http::error::body_limit) {
        return reject(beast_http::status::payload_too_large, core::api_error::body_too_large,
                      "The request body is too large.");
    }
    if (ec) {
        if (is_malformed(ec)) {
            return reject(beast_http::status::bad_request, core::api_error::bad_request, "The request is malformed.");
        }
        fail(ec, "read");
        return close();
    }
    // Beast adds a chunked body's trailer fields to the header, unchecked
    // (obs-fold included) and after the framing checks; no route needs them.
    if (static_cast<std::size_t>(std::distance(parser_->get().begin(), parser_->get().end())) != header_fields_) {
        return reject(beast_http::status::bad_request, core::api_error::bad_request,
                      "Trailer fields are not accepted.");
    }
    handle(parser_->release());
}

template <class Stream>
void basic_connection<Stream>::handle(request&& req) {
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    method_ = std::string(req.method_string());
    // The path only: query strings carry OAuth codes and states, never logged.
    path_ = std::string(target_path(std::string_view(req.target().data(), req.target().size())));
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    req.set(client_address_field, peer_);  // replaces any the client sent
    req.set(request_id_field, beast::string_view(request_id_.view().data(), request_id_.view().size()));  // likewise
    // Stop the read timer while the handler works; the handler has its own deadlines.
    tcp().expires_never();
    // Exactly one answer per request, even if a handler throws after answering.
    auto answered = std::make_shared<std::atomic<bool>>(false);
    responder respond = [self = this->shared_from_this(), answered](response res) {
        if (answered->exchange(true)) return;
        net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
    };
    // A handler that never answers: the connection answers for it (a late
    // answer is then dropped by `answered`).
    handler_timer_.expires_after(limits_.handler_timeout);
    handler_timer_.async_wait([respond, id = request_id_](beast::error_code ec) {
        if (ec) return;  // answered in time: send() cancelled the timer
        log::error(id, "http: the handler gave no answer in time");
        respond(error_response(beast_http::status::service_unavailable, core::api_error::timeout,
                               "The server took too long to answer. Please try again."));
    });
    try {
        routes_.dispatch(std::move(req), respond);
    } catch (const std::exception& e) {
        // A bug or a hostile upstream answer must cost one request, not the process.
        log::error(request_id_, "http: handler failed", {{"error", log::text(e.what())}});
        respond(error_response(beast_http::status::internal_server_error, core::api_error::internal_error,
                               "Something went wrong on our side. Please try again."));
    }
}

template <class Stream>
void basic_connection<Stream>::send(response res) {
    handler_timer_.cancel();
    if (res.count(drop_connection_field) > 0) {
        // A handler asked for no answer at all (fault injection in tests).
        log::info(request_id_, "request dropped", {{"method", log::text(method_)}, {"path", log::text(path_)}});
        busy_ = false;
        return drop();
    }
    const bool close_after = stopping_ || !keep_alive_ || res.need_eof();
    res.version(version_);
    res.keep_alive(!close_after);
    if (res[beast_http::field::server].empty()) res.set(beast_http::field::server, "profiledesk");
    apply_security_headers(res, https_);
    if (!limits_.instance_id.empty()) res.set(instance_field, limits_.instance_id);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
    unsigned upstream_calls = 0;
    if (res.count(upstream_calls_field) > 0) {
        const auto calls = res[upstream_calls_field];
        std::from_chars(calls.data(), calls.data() + calls.size(), upstream_calls);
        res.erase(upstream_calls_field);
    }
    res.set("X-Request-Id", beast::string_view(request_id_.view().data(), request_id_.view().size()));
    // One line per request. The path only, never a query string, a header value or a body.
    log::info(request_id_, "request",
              {{"method", log::text(method_)},
               {"path", log::text(path_)},
               {"status", res.result_int()},
               {"duration_ms", ms.count()},
               {"bytes", res.body().size()},
               {"upstream_calls", upstream_calls}});
    res_ = std::make_shared<response>(std::move(res));
    // Set the timeout.
    tcp().expires_after(limits_.write_timeout);
    beast_http::async_write(
        stream_, *res_, beast::bind_front_handler(&basic_connection::on_write, this->shared_from_this(), close_after));
}

template <class Stream>
void basic_connection<Stream>::on_write(bool close_after, beast::error_code ec, std::size_t) {
    busy_ = false;
    res_.reset();
    if (ec) {
        fail(ec, "write", request_id_);
        return drop();
    }
    if (close_after) return close();
    do_read();
}

template <class Stream>
void basic_connection<Stream>::reject(beast_http::status status, std::string_view code, std::string_view message) {
    // A request we cannot frame leaves the stream in an unknown state: answer, then close.
    busy_ = true;
    keep_alive_ = false;
    stopping_ = true;
    started_ = std::chrono::steady_clock::now();
    method_ = "-";
    path_ = "-";
    version_ = 11;
    // Refused before its header was read whole: a request of its own all the same.
    if (request_id_.empty()) request_id_ = new_request_id();
    send(error_response(status, code, message));
}

template <class Stream>
void basic_connection<Stream>::close() {
    if (closed_) return;
    closed_ = true;
    if constexpr (is_tls) {
        // Send close_notify and wait for the peer's, within the timeout.
        tcp().expires_after(limits_.tls_handshake_timeout);
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code ec) {
            fail(ec, "tls shutdown");
            self->drop();
        });
    } else {
        drop();
    }
}

template <class Stream>
void basic_connection<Stream>::drop() {
    closed_ = true;
    beast::error_code ec;
    tcp().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    tcp().close();
}

template class basic_connection<beast::tcp_stream>;
template class basic_connection<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace profiledesk::http
