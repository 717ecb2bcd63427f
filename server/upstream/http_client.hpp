// An HTTP(S) client for upstream calls (the identity provider, the
// Management API): TLS verified (peer chain, host name, SNI), a deadline on
// every call, keep-alive connections reused per origin.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profiledesk::upstream {

namespace beast_http = boost::beast::http;

struct client_request {
    beast_http::verb method = beast_http::verb::get;
    std::string url;  // absolute http(s) URL
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string content_type;  // set with a body
    // What is called, as a metrics label from a fixed set ("get_user",
    // "jwks"...: metrics/server_metrics.hpp); empty: not counted. Its
    // initializer lets {method, url, headers, body, content_type} leave it out.
    std::string_view endpoint{};
};

struct client_response {
    unsigned status = 0;
    beast_http::fields headers;
    std::string body;
};

struct client_options {
    // Answers larger than this are an error, not a memory spike.
    std::uint64_t max_response_body = 1024 * 1024;
    // Idle keep-alive connections kept per origin (0: none, each connection
    // closes after its exchange), and for how long.
    std::size_t max_idle_per_origin = 8;
    std::chrono::seconds idle_lifetime{30};
    // When set, only resolved addresses it allows are connected to (and never
    // re-resolved in between): a fetch of a user-given URL must not reach our
    // own network. None allowed: client_error::address_not_allowed.
    std::function<bool(const boost::asio::ip::address&)> allow_address;
};

// A TLS client context: TLS 1.2+, peer verification against the system's
// trust store, or against `ca_file` alone when given (a private CA, tests),
// or against both with `and_system_store` (hosts on the public Internet too).
// Throws std::runtime_error when the CA file cannot be read.
std::shared_ptr<boost::asio::ssl::context> make_tls_client_context(const std::string& ca_file = {},
                                                                   bool and_system_store = false);

class http_client : public std::enable_shared_from_this<http_client> {
public:
    using callback = std::function<void(boost::system::error_code, client_response)>;

    http_client(boost::asio::io_context& ioc, std::shared_ptr<boost::asio::ssl::context> tls,
                client_options options = {});
    ~http_client();

    // Sends `req`; `done` runs once, on an I/O thread, with the response or an
    // error: beast::error::timeout past `deadline` (which covers resolve,
    // connect, TLS handshake, write and read), an SSL error when the peer's
    // certificate does not verify for the URL's host, a URL error for a bad URL.
    // A GET or HEAD that fails on a reused keep-alive connection before any
    // answer (the server closed it while idle) is sent once more on a new
    // connection; other methods never are.
    void send(client_request req, std::chrono::steady_clock::time_point deadline, callback done);

    // Idle pooled connections (for tests and metrics).
    std::size_t idle_connections();

    // Internal: connection pool shared with in-flight exchanges.
    struct pooled;
    std::unique_ptr<pooled> take_idle(const std::string& origin);
    void put_idle(const std::string& origin, std::unique_ptr<pooled> conn);

private:
    boost::asio::io_context& ioc_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    const client_options options_;
    std::mutex mutex_;
    std::map<std::string, std::vector<std::unique_ptr<pooled>>> idle_;
};

// Errors of our own (bad URL, response too large, no allowed address).
enum class client_error { bad_url = 1, response_too_large, address_not_allowed };
const boost::system::error_category& client_error_category();
boost::system::error_code make_error_code(client_error e);

}  // namespace profiledesk::upstream

template <>
struct boost::system::is_error_code_enum<profiledesk::upstream::client_error> : std::true_type {};
