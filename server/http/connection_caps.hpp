// Caps on open connections, overall and per client, and the bookkeeping that
// picks which idle connection to close when a new one needs room.
//
// Every open connection is here from accept to destruction, keyed by an id,
// under its client's key (client_key.hpp). A connection is idle while it
// waits for the first byte of its next request with nothing in flight (a
// fresh connection that has said nothing yet, or a keep-alive one between
// requests): closing it loses nothing, and a client that sends a request just
// as it closes retries it (RFC 9112 9.3.1). A connection reading a request,
// being handled or answered is busy and is never closed to make room.
//
// A new connection over a cap takes the place of the connection idle the
// longest (its own client's when the client is over its cap); when none is
// idle it is refused. Thread-safe: the listener admits, each connection
// reports from its own strand.
#pragma once

#include "connection.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace profiledesk::http {

class connection_caps {
public:
    struct limits {
        std::size_t max_connections = 10000;  // serve() derives it from the open-file limit
        std::size_t max_per_client = 64;      // a browser opens about six; proxies and NATs more
    };
    using id = std::uint64_t;
    struct admission {
        id admitted = 0;  // 0: refused, close the new connection at once
        // Idle connections that make room: the caller shuts them down (outside any lock).
        std::vector<std::shared_ptr<connection_base>> to_close;
    };

    explicit connection_caps(limits l);

    // A new connection from `client` (a client_key), idle until it reports busy.
    admission admit(const std::string& client, std::weak_ptr<connection_base> conn);
    // It waits for its next request, nothing in flight.
    void idle(id conn);
    // A request began; false when the connection was chosen to make room
    // meanwhile (it should close).
    bool busy(id conn);
    // It is gone (destroyed); unknown ids (refused, or closed to make room) are ignored.
    void closed(id conn);

    std::size_t open() const;
    std::size_t open(const std::string& client) const;
    // Every connection still alive (shutdown closes them).
    std::vector<std::shared_ptr<connection_base>> connections() const;

private:
    struct entry {
        std::string client;
        std::weak_ptr<connection_base> conn;
        std::uint64_t idle_since = 0;  // 0: busy; else the order it became idle in
    };
    struct client_state {
        std::size_t open = 0;
        std::map<std::uint64_t, id> idle;  // idle_since -> connection, the longest idle first
    };

    // Forgets `conn` and returns it for closing (under the lock).
    std::shared_ptr<connection_base> take_for_closing(id conn);
    void forget(std::unordered_map<id, entry>::iterator it);

    const limits limits_;
    mutable std::mutex mutex_;
    id next_id_ = 1;
    std::uint64_t next_idle_ = 1;
    std::unordered_map<id, entry> entries_;
    std::unordered_map<std::string, client_state> clients_;
    std::map<std::uint64_t, id> idle_;  // every client's idle connections, the longest idle first
};

// The global cap when none is set: below the open-file limit by what the
// process needs besides its connections (upstream calls, files, logs), and at
// most 10000, beyond which one process is better scaled out than up.
std::size_t default_max_connections(std::uint64_t open_file_limit);

}  // namespace profiledesk::http
