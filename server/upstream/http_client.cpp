#include "upstream/http_client.hpp"

#include "http/url.hpp"
#include "metrics/server_metrics.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include <optional>
#include <stdexcept>

namespace profiledesk::upstream {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

struct http_client::pooled {
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    std::chrono::steady_clock::time_point idle_since;

    beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

namespace {

class client_error_category_impl : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "upstream.client"; }
    std::string message(int ev) const override {
        switch (static_cast<client_error>(ev)) {
            case client_error::bad_url: return "not an http(s) URL";
            case client_error::response_too_large: return "response too large";
            case client_error::address_not_allowed: return "the host's addresses are not allowed";
        }
        return "unknown";
    }
};

// A stale keep-alive connection (closed by the server while idle) fails like this
// before any byte of the answer arrives; then one retry on a new connection is safe.
bool is_stale_connection(beast::error_code ec) {
    return ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == beast_http::error::end_of_stream || ec == net::ssl::error::stream_truncated;
}

// One request/response exchange, from resolve (or a pooled connection) to the answer.
class exchange : public std::enable_shared_from_this<exchange> {
public:
    exchange(std::shared_ptr<http_client> client, net::io_context& ioc, std::shared_ptr<ssl::context> tls,
             const client_options& options, client_request req, http::absolute_url url,
             std::chrono::steady_clock::time_point deadline, http_client::callback done)
        : client_(std::move(client)),
          ioc_(ioc),
          tls_(std::move(tls)),
          options_(options),
          req_(std::move(req)),
          url_(std::move(url)),
          deadline_(deadline),
          done_(std::move(done)),
          resolver_(net::make_strand(ioc)),
          resolve_timer_(resolver_.get_executor()) {}  // one strand: the timer cancels the resolver

    void start() {
        conn_ = client_->take_idle(url_.origin());
        reused_ = conn_ != nullptr;
        if (reused_) return write();
        resolve();
    }

private:
    void resolve() {
        // The resolver has no timeout of its own: a timer cancels it at the deadline.
        resolve_timer_.expires_at(deadline_);
        resolve_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->resolver_.cancel();
        });
        resolver_.async_resolve(url_.host, url_.port,
                                beast::bind_front_handler(&exchange::on_resolve, shared_from_this()));
    }

    void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
        resolve_timer_.cancel();
        if (ec == net::error::operation_aborted && std::chrono::steady_clock::now() >= deadline_) {
            ec = beast::error::timeout;
        }
        if (ec) return finish(ec);
        std::vector<tcp::endpoint> endpoints;
        for (const auto& r : results) {
            if (!options_.allow_address || options_.allow_address(r.endpoint().address())) {
                endpoints.push_back(r.endpoint());
            }
        }
        if (endpoints.empty()) return finish(client_error::address_not_allowed);
        conn_ = std::make_unique<http_client::pooled>();
        if (url_.scheme == "https") {
            conn_->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(net::make_strand(ioc_), *tls_);
        } else {
            conn_->plain = std::make_unique<beast::tcp_stream>(net::make_strand(ioc_));
        }
        // Set the timeout: the whole exchange shares one deadline.
        conn_->lowest().expires_at(deadline_);
        conn_->lowest().async_connect(endpoints, beast::bind_front_handler(&exchange::on_connect, shared_from_this()));
    }

    void on_connect(beast::error_code ec, const tcp::endpoint&) {
        if (ec) return finish(ec);
        if (!conn_->tls) return write();
        auto& stream = *conn_->tls;
        // SNI, then verification of the chain AND of the host name (Beast's
        // client example of the 1.74 era checks only the chain).
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url_.host.c_str())) {
            return finish(beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
        }
        stream.set_verify_mode(ssl::verify_peer);
        stream.set_verify_callback(ssl::host_name_verification(url_.host));
        conn_->lowest().expires_at(deadline_);
        stream.async_handshake(ssl::stream_base::client,
                               beast::bind_front_handler(&exchange::on_handshake, shared_from_this()));
    }

    void on_handshake(beast::error_code ec) {
        if (ec) return finish(ec);
        write();
    }

    void write() {
        out_ = {};
        out_.method(req_.method);
        out_.target(url_.target);
        out_.version(11);
        const bool v6 = url_.host.find(':') != std::string::npos;
        const auto host = v6 ? "[" + url_.host + "]" : url_.host;
        out_.set(beast_http::field::host, url_.default_port ? host : host + ":" + url_.port);
        out_.set(beast_http::field::user_agent, "profiledesk");
        out_.set(beast_http::field::accept, "application/json");
        for (const auto& [name, value] : req_.headers) out_.set(name, value);
        if (!req_.body.empty() || !req_.content_type.empty()) {
            out_.set(beast_http::field::content_type, req_.content_type);
            out_.body() = req_.body;
        }
        out_.keep_alive(true);
        out_.prepare_payload();
        conn_->lowest().expires_at(deadline_);
        auto on_write = beast::bind_front_handler(&exchange::on_write, shared_from_this());
        if (conn_->tls) {
            beast_http::async_write(*conn_->tls, out_, std::move(on_write));
        } else {
            beast_http::async_write(*conn_->plain, out_, std::move(on_write));
        }
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) return retry_or_finish(ec);
        parser_.emplace();
        parser_->body_limit(options_.max_response_body);
        conn_->lowest().expires_at(deadline_);
        auto on_read = beast::bind_front_handler(&exchange::on_read, shared_from_this());
        if (conn_->tls) {
            beast_http::async_read(*conn_->tls, buffer_, *parser_, std::move(on_read));
        } else {
            beast_http::async_read(*conn_->plain, buffer_, *parser_, std::move(on_read));
        }
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == beast_http::error::body_limit) return finish(client_error::response_too_large);
        if (ec) {
            if (parser_->got_some()) return finish(ec);
            return retry_or_finish(ec);
        }
        auto msg = parser_->release();
        client_response res;
        res.status = msg.result_int();
        res.body = std::move(msg.body());
        for (const auto& f : msg) res.headers.insert(f.name_string(), f.value());
        if (msg.keep_alive() && buffer_.size() == 0) {
            conn_->lowest().expires_never();
            client_->put_idle(url_.origin(), std::move(conn_));
        }
        finish({}, std::move(res));
    }

    void retry_or_finish(beast::error_code ec) {
        // Only safe methods are sent again: a POST or PATCH may have reached
        // the server before the connection broke.
        const bool safe = req_.method == beast_http::verb::get || req_.method == beast_http::verb::head;
        if (safe && reused_ && is_stale_connection(ec) && std::chrono::steady_clock::now() < deadline_) {
            reused_ = false;
            conn_.reset();
            buffer_.clear();
            return resolve();
        }
        finish(ec);
    }

    void finish(beast::error_code ec, client_response res = {}) {
        if (!done_) return;
        auto done = std::move(done_);
        done_ = nullptr;
        done(ec, std::move(res));
    }

    std::shared_ptr<http_client> client_;
    net::io_context& ioc_;
    std::shared_ptr<ssl::context> tls_;
    const client_options& options_;
    client_request req_;
    http::absolute_url url_;
    std::chrono::steady_clock::time_point deadline_;
    http_client::callback done_;
    tcp::resolver resolver_;
    net::steady_timer resolve_timer_;
    std::unique_ptr<http_client::pooled> conn_;
    bool reused_ = false;
    beast::flat_buffer buffer_;
    beast_http::request<beast_http::string_body> out_;
    std::optional<beast_http::response_parser<beast_http::string_body>> parser_;
};

}  // namespace

const boost::system::error_category& client_error_category() {
    static const client_error_category_impl category;
    return category;
}

boost::system::error_code make_error_code(client_error e) { return {static_cast<int>(e), client_error_category()}; }

std::shared_ptr<ssl::context> make_tls_client_context(const std::string& ca_file, bool and_system_store) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (ca_file.empty() || and_system_store) ctx->set_default_verify_paths(ec);
    if (!ec && !ca_file.empty()) ctx->load_verify_file(ca_file, ec);
    if (ec) {
        throw std::runtime_error("cannot load CA certificates" + (ca_file.empty() ? "" : " from " + ca_file) + ": " +
                                 ec.message());
    }
    return ctx;
}

http_client::http_client(net::io_context& ioc, std::shared_ptr<ssl::context> tls, client_options options)
    : ioc_(ioc), tls_(std::move(tls)), options_(options) {}

http_client::~http_client() = default;

void http_client::send(client_request req, std::chrono::steady_clock::time_point deadline, callback done) {
    if (!req.endpoint.empty()) {
        done = [done = std::move(done), endpoint = req.endpoint,
                start = std::chrono::steady_clock::now()](boost::system::error_code ec, client_response res) {
            metrics::server().upstream_call(endpoint, ec ? 0 : res.status,
                                            ec == beast::error::timeout ? "timeout" : "error",
                                            std::chrono::steady_clock::now() - start);
            done(ec, std::move(res));
        };
    }
    auto url = http::parse_absolute_url(req.url);
    if (!url) {
        net::post(ioc_, [done = std::move(done)] { done(client_error::bad_url, {}); });
        return;
    }
    std::make_shared<exchange>(shared_from_this(), ioc_, tls_, options_, std::move(req), std::move(*url), deadline,
                               std::move(done))
        ->start();
}

std::unique_ptr<http_client::pooled> http_client::take_idle(const std::string& origin) {
    const std::lock_guard lock(mutex_);
    auto it = idle_.find(origin);
    if (it == idle_.end()) return nullptr;
    auto& conns = it->second;
    const auto now = std::chrono::steady_clock::now();
    std::unique_ptr<pooled> found;
    while (!conns.empty() && !found) {
        auto conn = std::move(conns.back());
        conns.pop_back();
        if (now - conn->idle_since < options_.idle_lifetime) found = std::move(conn);
    }
    if (conns.empty()) idle_.erase(it);
    return found;
}

void http_client::put_idle(const std::string& origin, std::unique_ptr<pooled> conn) {
    if (options_.max_idle_per_origin == 0) return;  // closed now
    conn->idle_since = std::chrono::steady_clock::now();
    const std::lock_guard lock(mutex_);
    auto& conns = idle_[origin];
    if (conns.size() < options_.max_idle_per_origin) conns.push_back(std::move(conn));
}

std::size_t http_client::idle_connections() {
    const std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [_, conns] : idle_) n += conns.size();
    return n;
}

}  // namespace profiledesk::upstream
