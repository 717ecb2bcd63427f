// A real redis-server for unit tests: started on a free loopback port in a
// temporary folder (no persistence), stopped by the destructor. Tests of the
// Redis-backed stores run against it, never against a mock.
#pragma once

#include "redis/url.hpp"

#include <sys/types.h>
#include <string>

namespace profiledesk::testing {

class redis_server {
public:
    struct config {
        std::string password;  // requirepass (AUTH with the default user)
        bool tls = false;      // TLS only (rediss://), a fresh self-signed certificate for 127.0.0.1
    };
    // Starts redis-server and waits until it answers PING; throws with
    // redis-server's own output when it does not start.
    redis_server() : redis_server(config{}) {}
    explicit redis_server(config c);
    ~redis_server();
    redis_server(const redis_server&) = delete;
    redis_server& operator=(const redis_server&) = delete;

    unsigned short port() const { return port_; }
    redis::redis_url url() const;  // redis://127.0.0.1:<port> (rediss:// and the password when configured)
    // With tls: the certificate the server presents (a CA_FILE that trusts it).
    std::string certificate_file() const { return dir_ + "/cert.pem"; }

    void stop();     // SIGTERM, waits for the exit (the data is gone: no persistence)
    void restart();  // a fresh server on the same port (empty)
    void pause();    // SIGSTOP: connections stay open, nothing answers
    void resume();   // SIGCONT

    // Runs redis-cli against it and returns its output (for checks like TTL,
    // KEYS, DBSIZE in tests), e.g. cli("TTL key").
    std::string cli(const std::string& args) const;

private:
    void start();
    config config_;
    std::string dir_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace profiledesk::testing
