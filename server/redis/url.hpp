// SESSION_STORE's Redis URL (pure):
//   redis://[[user]:password@]host[:port][/db]     port 6379, db 0 by default
//   rediss://...                                   the same over TLS
// User and password are percent-decoded; the host may be a name, an IPv4
// address or a bracketed IPv6 address. Anything else (a query, a fragment, a
// db that is not 0-15... ) is an error naming what is wrong, never a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::redis {

struct redis_url {
    bool tls = false;
    std::string host;
    unsigned short port = 6379;
    std::string user;      // empty: the default user (AUTH password)
    std::string password;  // empty: no AUTH
    int db = 0;
};

// nullopt with `error` set when `text` is not such a URL. `error` never
// repeats the password.
std::optional<redis_url> parse_redis_url(std::string_view text, std::string& error);

// The URL for messages and logs: the password replaced by "***".
std::string redacted(const redis_url& url);

}  // namespace profiledesk::redis
