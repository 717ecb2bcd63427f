// An asynchronous Redis client on Asio: the connection to the shared state
// of a Profile Desk cluster (SESSION_STORE=redis://... or rediss://...).
//
// - hiredis does the protocol (its RESP reader parses replies and its
//   formatter builds commands, binary-safe); Asio does the I/O, over TCP or
//   TLS (rediss://, the server's certificate verified like every upstream:
//   the system store or CA_FILE, and its name). No call ever blocks an I/O
//   thread.
// - One connection, pipelined: commands are written as they come and their
//   replies matched in order. AUTH and SELECT run at each (re)connect.
// - Every command has a deadline: `done` runs exactly once, on an I/O thread,
//   never inside the call, by the deadline at the latest. A command whose
//   deadline passed answers `timeout`. When the oldest command on the
//   connection has waited `stall_timeout`, the connection is dropped and made
//   again (a stalled server must not hold every later command behind it).
// - While there is no connection, commands answer `unavailable` at once, and
//   the client reconnects by itself (backoff up to `reconnect_max`), so
//   service returns when Redis does, without a restart.
// - eval() runs a Lua script (EVAL, with its source: commands stay in the
//   order they were sent, even after a Redis restart emptied its script cache).
#pragma once

#include "redis/reply.hpp"
#include "redis/url.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::redis {

enum class failure {
    none,
    unavailable,   // no connection (refused, lost, AUTH/SELECT refused): nothing was executed
    timeout,       // no reply by the deadline: the command may or may not have run
    server_error,  // Redis answered with an error reply (its text in `message`)
};
const char* to_string(failure f);

struct result {
    failure error = failure::none;
    reply value;          // with failure::none
    std::string message;  // otherwise: for logs (never holds a key's value)
    bool ok() const { return error == failure::none; }
};

// A Lua script run with EVAL.
class script {
public:
    explicit script(std::string source);
    const std::string& source() const { return source_; }

private:
    std::string source_;
};

class client : public std::enable_shared_from_this<client> {
public:
    using clock = std::chrono::steady_clock;
    using callback = std::function<void(result)>;

    struct options {
        redis_url url;
        // Verifies rediss:// servers (upstream::make_tls_client_context); null with redis://.
        std::shared_ptr<boost::asio::ssl::context> tls;
        std::chrono::milliseconds connect_timeout{2000};
        std::chrono::milliseconds reconnect_max{2000};  // backoff between attempts, doubling up to this
        std::chrono::milliseconds stall_timeout{3000};  // no reply this long: the connection is dropped
        // Told about every command when it finishes (metrics: command name in
        // upper case, outcome, time taken). Called on an I/O thread; may be empty.
        std::function<void(std::string_view command, failure, clock::duration)> observe;
    };

    static std::shared_ptr<client> create(boost::asio::io_context& ioc, options o);
    ~client();

    // Starts connecting (in the background); commands sent before the first
    // connection is up wait for it, within their deadline.
    void start();
    // Closes the connection; commands in flight and later ones answer `unavailable`.
    void stop();

    // One command, e.g. {"SET", key, value, "PX", "1000"}.
    void command(std::vector<std::string> argv, clock::time_point deadline, callback done);
    // A Lua script with KEYS and ARGV.
    void eval(const script& s, std::vector<std::string> keys, std::vector<std::string> args, clock::time_point deadline,
              callback done);

    // Whether a connection is up now, and why not when it is not (readiness: /readyz).
    bool connected() const;
    std::string last_error() const;

    struct impl;  // internal

private:
    explicit client(std::shared_ptr<impl> i);
    std::shared_ptr<impl> impl_;
};

}  // namespace profiledesk::redis
