#include "redis/client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <mutex>
#include <optional>

namespace profiledesk::redis {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

const char* to_string(failure f) {
    switch (f) {
        case failure::none: return "none";
        case failure::unavailable: return "unavailable";
        case failure::timeout: return "timeout";
        case failure::server_error: return "server_error";
    }
    return "unknown";
}

script::script(std::string source) : source_(std::move(source)) {}

namespace {

reply convert(const redisReply& r) {
    reply out;
    switch (r.type) {
        case REDIS_REPLY_STRING:
            out.type = reply::kind::string;
            out.text.assign(r.str, r.len);
            break;
        case REDIS_REPLY_STATUS:
            out.type = reply::kind::status;
            out.text.assign(r.str, r.len);
            break;
        case REDIS_REPLY_ERROR:
            out.type = reply::kind::error;
            out.text.assign(r.str, r.len);
            break;
        case REDIS_REPLY_INTEGER:
            out.type = reply::kind::integer;
            out.integer = r.integer;
            break;
        case REDIS_REPLY_ARRAY:
            out.type = reply::kind::array;
            out.elements.reserve(r.elements);
            for (std::size_t i = 0; i < r.elements; ++i) out.elements.push_back(convert(*r.element[i]));
            break;
        default: out.type = reply::kind::nil; break;
    }
    return out;
}

// The wire form of a command (RESP), by hiredis' formatter: binary-safe.
std::string format(const std::vector<std::string>& argv) {
    std::vector<const char*> parts;
    std::vector<std::size_t> lengths;
    parts.reserve(argv.size());
    lengths.reserve(argv.size());
    for (const auto& a : argv) {
        parts.push_back(a.data());
        lengths.push_back(a.size());
    }
    char* wire = nullptr;
    const int n = redisFormatCommandArgv(&wire, static_cast<int>(argv.size()), parts.data(), lengths.data());
    if (n < 0 || !wire) throw std::bad_alloc();
    std::string out(wire, static_cast<std::size_t>(n));
    redisFreeCommand(wire);
    return out;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

constexpr std::chrono::milliseconds first_backoff{50};

}  // namespace

struct client::impl : std::enable_shared_from_this<impl> {
    struct pending {
        std::string name;  // for `observe`: the command, upper case
        std::string wire;
        callback done;
        clock::time_point started = clock::now();
        std::optional<asio::steady_timer> deadline;
        bool answered = false;
        bool handshake = false;  // AUTH/SELECT/PING of a new connection: a failure drops it
    };
    using pending_ptr = std::shared_ptr<pending>;
    enum class phase { idle, connecting, up, stopped };

    impl(asio::io_context& io, options o)
        : ioc(io), strand(asio::make_strand(io)), opts(std::move(o)), resolver(strand), reconnect_timer(strand) {}
    ~impl() {
        if (reader) redisReaderFree(reader);
    }

    asio::io_context& ioc;
    asio::strand<asio::io_context::executor_type> strand;
    const options opts;
    tcp::resolver resolver;
    asio::steady_timer reconnect_timer;

    // Everything below: only on `strand`.
    phase state = phase::idle;
    std::uint64_t generation = 0;  // of the connection; stale handlers compare and return
    // Shared with the handlers of their pending operations: a dropped
    // connection's stream lives until those have run (Asio's SSL operations
    // touch the stream even when cancelled).
    std::shared_ptr<tcp::socket> plain;
    std::shared_ptr<asio::ssl::stream<tcp::socket>> secure;
    std::optional<asio::steady_timer> connect_timer;
    redisReader* reader = nullptr;
    std::deque<pending_ptr> sent;     // written or queued to be, awaiting replies in order
    std::deque<pending_ptr> waiting;  // arrived while connecting
    std::string outgoing, writing_now;
    bool writing = false;
    std::array<char, 16 * 1024> buffer{};
    std::chrono::milliseconds backoff = first_backoff;

    mutable std::mutex status_mutex;  // connected() and last_error() are read from any thread
    bool is_connected = false;
    std::string error_text = "not connected yet";

    void set_status(bool up, std::string why) {
        std::lock_guard lock(status_mutex);
        is_connected = up;
        if (!up) error_text = std::move(why);
    }

    void answer(const pending_ptr& p, result r) {
        if (p->answered) return;
        p->answered = true;
        if (p->deadline) p->deadline->cancel();
        if (opts.observe && !p->handshake) opts.observe(p->name, r.error, clock::now() - p->started);
        // Posted: a callback never runs inside command(), one that sends
        // another command does not reenter the reply loop, and callbacks run
        // on any I/O thread rather than hold up this connection's strand.
        asio::post(ioc, [done = std::move(p->done), r = std::move(r)]() mutable { done(std::move(r)); });
    }

    void fail_all(const std::string& why) {
        auto lists = {&sent, &waiting};
        for (auto* list : lists) {
            for (auto& p : *list) answer(p, {failure::unavailable, {}, why});
            list->clear();
        }
    }

    // The connection is gone or must go: every command on it answers
    // `unavailable` (nothing will answer it), and a new one is made later.
    void drop(const std::string& why) {
        if (state == phase::stopped) return;
        ++generation;
        close_sockets();
        fail_all(why);
        set_status(false, why);
        state = phase::idle;
        reconnect_timer.expires_after(backoff);
        backoff = std::min(backoff * 2, std::max(opts.reconnect_max, first_backoff));
        reconnect_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec && self->state == phase::idle) self->connect();
        });
    }

    void close_sockets() {
        error_code ignored;
        if (secure) secure->lowest_layer().close(ignored);
        if (plain) plain->close(ignored);
        secure.reset();
        plain.reset();
        if (connect_timer) connect_timer->cancel();
        resolver.cancel();
        outgoing.clear();
        writing = false;
        if (reader) redisReaderFree(reader);
        reader = redisReaderCreate();
    }

    tcp::socket& socket() { return secure ? secure->next_layer() : *plain; }
    std::pair<std::shared_ptr<void>, std::shared_ptr<void>> streams() const { return {plain, secure}; }

    void connect() {
        if (state == phase::stopped) return;
        state = phase::connecting;
        const auto gen = ++generation;
        close_sockets();
        if (opts.url.tls) {
            secure = std::make_shared<asio::ssl::stream<tcp::socket>>(strand, *opts.tls);
            secure->set_verify_mode(asio::ssl::verify_peer);
            secure->set_verify_callback(asio::ssl::host_name_verification(opts.url.host));
            // SNI, so a server with several certificates shows the right one.
            SSL_set_tlsext_host_name(secure->native_handle(), opts.url.host.c_str());
        } else {
            plain = std::make_shared<tcp::socket>(strand);
        }
        connect_timer.emplace(strand);
        connect_timer->expires_after(opts.connect_timeout);
        connect_timer->async_wait([self = shared_from_this(), gen](error_code ec) {
            if (!ec && self->generation == gen && self->state == phase::connecting)
                self->drop("connecting to Redis took longer than " +
                           std::to_string(self->opts.connect_timeout.count()) + " ms");
        });
        resolver.async_resolve(
            opts.url.host, std::to_string(opts.url.port),
            [self = shared_from_this(), gen](error_code ec, const tcp::resolver::results_type& addresses) {
                if (self->generation != gen) return;
                if (ec) return self->drop("cannot resolve the Redis host: " + ec.message());
                asio::async_connect(
                    self->socket(), addresses,
                    [self, gen, keep = self->streams()](error_code ec, const tcp::endpoint&) {
                        if (self->generation != gen) return;
                        if (ec) return self->drop("cannot connect to Redis: " + ec.message());
                        error_code ignored;
                        self->socket().set_option(tcp::no_delay(true), ignored);
                        if (!self->secure) return self->connected(gen);
                        self->secure->async_handshake(asio::ssl::stream_base::client, [self, gen, keep](error_code ec) {
                            if (self->generation != gen) return;
                            if (ec) return self->drop("TLS handshake with Redis failed: " + ec.message());
                            self->connected(gen);
                        });
                    });
            });
    }

    // Authenticates and selects the database, pipelined in front of the
    // commands that waited for the connection.
    void connected(std::uint64_t gen) {
        connect_timer->cancel();
        state = phase::up;
        read(gen);
        // A refused AUTH or SELECT drops the connection in the reply loop,
        // before any later reply is read (read()); PING's answer says it is up.
        auto handshake = [this](std::vector<std::string> argv) {
            auto p = std::make_shared<pending>();
            p->name = argv[0];
            p->wire = format(argv);
            p->handshake = true;
            p->done = [](result) {};
            return p;
        };
        if (!opts.url.password.empty()) {
            send(opts.url.user.empty() ? handshake({"AUTH", opts.url.password})
                                       : handshake({"AUTH", opts.url.user, opts.url.password}));
        }
        if (opts.url.db != 0) send(handshake({"SELECT", std::to_string(opts.url.db)}));
        auto ready = handshake({"PING"});
        ready->done = [self = shared_from_this(), gen](result r) {
            asio::post(self->strand, [self, gen, ok = r.ok()] {
                if (self->generation != gen || !ok) return;
                self->backoff = first_backoff;
                self->set_status(true, {});
            });
        };
        send(ready);
        auto queued = std::move(waiting);
        waiting.clear();
        for (auto& p : queued) {
            if (!p->answered) send(p);
        }
    }

    void send(const pending_ptr& p) {
        sent.push_back(p);
        outgoing += p->wire;
        p->wire.clear();
        p->wire.shrink_to_fit();
        flush();
    }

    void flush() {
        if (writing || outgoing.empty() || state != phase::up) return;
        writing = true;
        writing_now.swap(outgoing);
        outgoing.clear();
        auto on_written = [self = shared_from_this(), gen = generation, keep = streams()](error_code ec, std::size_t) {
            if (self->generation != gen) return;
            self->writing = false;
            self->writing_now.clear();
            if (ec) return self->drop("writing to Redis failed: " + ec.message());
            self->flush();
        };
        if (secure) {
            asio::async_write(*secure, asio::buffer(writing_now), std::move(on_written));
        } else {
            asio::async_write(*plain, asio::buffer(writing_now), std::move(on_written));
        }
    }

    void read(std::uint64_t gen) {
        auto on_read = [self = shared_from_this(), gen, keep = streams()](error_code ec, std::size_t n) {
            if (self->generation != gen) return;
            if (ec) return self->drop("the connection to Redis was lost: " + ec.message());
            if (redisReaderFeed(self->reader, self->buffer.data(), n) != REDIS_OK)
                return self->drop("Redis sent what is not RESP");
            for (;;) {
                void* raw = nullptr;
                if (redisReaderGetReply(self->reader, &raw) != REDIS_OK)
                    return self->drop("Redis sent what is not RESP");
                if (!raw) break;
                const std::unique_ptr<redisReply, void (*)(void*)> owned(static_cast<redisReply*>(raw),
                                                                         freeReplyObject);
                if (self->sent.empty()) return self->drop("Redis answered a command that was not sent");
                auto p = std::move(self->sent.front());
                self->sent.pop_front();
                auto value = convert(*owned);
                if (p->handshake && value.type == reply::kind::error) {
                    p->answered = true;
                    return self->drop("Redis refused " + p->name + ": " + value.text);
                }
                if (value.type == reply::kind::error) {
                    auto message = value.text;
                    self->answer(p, {failure::server_error, std::move(value), std::move(message)});
                } else {
                    self->answer(p, {failure::none, std::move(value), {}});
                }
            }
            self->read(gen);
        };
        if (secure) {
            secure->async_read_some(asio::buffer(buffer), std::move(on_read));
        } else {
            plain->async_read_some(asio::buffer(buffer), std::move(on_read));
        }
    }

    void submit(pending_ptr p, clock::time_point deadline) {
        p->deadline.emplace(strand);
        p->deadline->expires_at(deadline);
        p->deadline->async_wait([self = shared_from_this(), weak = std::weak_ptr<pending>(p)](error_code ec) {
            const auto p = weak.lock();
            if (ec || !p || p->answered) return;
            self->answer(p, {failure::timeout, {}, "Redis gave no answer in time"});
            // One caller's deadline says nothing about the connection (it may
            // have been nearly spent when the command was sent). Only when the
            // oldest command on it has waited `stall_timeout` is the server
            // stalled or the network lost: later commands would wait behind it.
            if (!self->sent.empty() && clock::now() - self->sent.front()->started >= self->opts.stall_timeout)
                self->drop("Redis answered nothing for " + std::to_string(self->opts.stall_timeout.count()) + " ms");
        });
        switch (state) {
            case phase::up: send(p); break;
            case phase::connecting: waiting.push_back(std::move(p)); break;
            case phase::idle: {
                std::string why;
                {
                    std::lock_guard lock(status_mutex);
                    why = error_text;
                }
                answer(p, {failure::unavailable, {}, std::move(why)});
                break;
            }
            case phase::stopped: answer(p, {failure::unavailable, {}, "the Redis client is stopped"}); break;
        }
    }
};

std::shared_ptr<client> client::create(asio::io_context& ioc, options o) {
    if (o.url.tls && !o.tls) throw std::invalid_argument("a rediss:// URL needs a TLS context");
    return std::shared_ptr<client>(new client(std::make_shared<impl>(ioc, std::move(o))));
}

client::client(std::shared_ptr<impl> i) : impl_(std::move(i)) {}

client::~client() { stop(); }

void client::start() {
    asio::post(impl_->strand, [i = impl_] {
        if (i->state == impl::phase::idle) i->connect();
    });
}

void client::stop() {
    asio::post(impl_->strand, [i = impl_] {
        i->state = impl::phase::stopped;
        ++i->generation;
        i->close_sockets();
        i->reconnect_timer.cancel();
        i->fail_all("the Redis client is stopped");
        i->set_status(false, "the Redis client is stopped");
    });
}

void client::command(std::vector<std::string> argv, clock::time_point deadline, callback done) {
    auto p = std::make_shared<impl::pending>();
    p->name = argv.empty() ? std::string() : upper(argv.front());
    p->wire = format(argv);
    p->done = std::move(done);
    asio::post(impl_->strand, [i = impl_, p = std::move(p), deadline]() mutable { i->submit(std::move(p), deadline); });
}

void client::eval(const script& s, std::vector<std::string> keys, std::vector<std::string> args,
                  clock::time_point deadline, callback done) {
    // EVAL with the source, every time: Redis caches the compiled script by
    // its digest, and unlike EVALSHA there is no NOSCRIPT round trip after a
    // restart, which would let the command sent next overtake this one.
    std::vector<std::string> argv{"EVAL", s.source(), std::to_string(keys.size())};
    argv.insert(argv.end(), std::make_move_iterator(keys.begin()), std::make_move_iterator(keys.end()));
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    command(std::move(argv), deadline, std::move(done));
}

bool client::connected() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->is_connected;
}

std::string client::last_error() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->is_connected ? std::string() : impl_->error_text;
}

}  // namespace profiledesk::redis
