// localtenant's command line, parsed without side effects (testable).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace profiledesk::localtenant {

struct options {
    std::string seed_path;             // --seed: JSON seed file (default: none, an empty tenant)
    std::string db_path = ":memory:";  // --db: SQLite file; ":memory:" forgets everything at exit
    std::string host = "127.0.0.1";    // --host: address to listen on; loopback unless insecure_public
    bool insecure_public = false;      // --insecure-public: allow a non-loopback --host (seed secrets are public)
    unsigned short port = 0;           // --port: 0 picks a free port (printed on the listening line)
    std::string tls_cert, tls_key;     // --tls-cert/--tls-key: PEM files; both or neither
    bool admin = false;                // --admin: fault injection and stats (loopback only)
    double rate_limit = 2;             // --rate-limit: Management API requests per second
    double rate_burst = 2;             // --rate-burst: bucket size
    long m2m_token_ttl = 86400;        // --m2m-token-ttl: client_credentials token lifetime, seconds
    std::string issuer;                // --issuer: overrides http(s)://host:port/
    double sign_in_per_minute = 10;    // --sign-in-per-minute: password checks per client (burst, refill per minute)
    unsigned threads = 2;              // --threads: I/O threads

    bool tls() const { return !tls_cert.empty(); }
};

extern const char* const usage;

struct parse_result {
    std::optional<options> opts;  // set when the command line is valid and not --help
    bool help = false;
    std::string error;  // one line, when neither
};

parse_result parse_options(const std::vector<std::string>& args);

// Whether --host names this machine only: an address in 127.0.0.0/8, ::1, or
// "localhost".
bool is_loopback_host(const std::string& host);

// The address to bind for --host: "localhost" is 127.0.0.1 (the listener
// takes addresses, not names).
std::string bind_address(const std::string& host);

// The issuer for a listening port: --issuer as given (a trailing '/' added
// when missing), else http(s)://host:port/ (Auth0 issuers end with '/').
std::string issuer_for(const options& o, unsigned short port);

}  // namespace profiledesk::localtenant
