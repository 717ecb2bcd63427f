// MAIL_URL, parsed: where profiledesk sends its mail.
//   smtp://[user:password@]host[:port]   SMTP; STARTTLS required unless the
//                                        host is loopback (127.0.0.0/8, ::1,
//                                        localhost), where it is plain
//   smtps://[user:password@]host[:port]  SMTP over TLS (implicit, port 465)
//   file:DIR                             .eml files in DIR (development)
// The user name and password are percent-decoded (RFC 3986 userinfo); they
// never appear in a log line or a problem line: use redacted().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::mail {

struct mail_url {
    enum class kind { smtp, smtps, file };
    kind scheme = kind::smtp;
    std::string host;         // as in the URL, an IPv6 address in brackets: "[::1]"
    unsigned short port = 0;  // 0: the scheme's (25 for smtp, 465 for smtps)
    std::string user, password;
    std::string directory;  // file:
    // smtp:// to a loopback host talks plain SMTP; anywhere else STARTTLS is required.
    bool loopback() const;
    bool requires_starttls() const { return scheme == kind::smtp && !loopback(); }
    // What libcurl connects to: scheme://host[:port], without the credentials.
    std::string server_url() const;
};

// The URL, or nullopt with `error` saying what is wrong (never quoting the
// password: the URL is not repeated).
std::optional<mail_url> parse_mail_url(std::string_view text, std::string& error);

// For logs: "smtp://***@host:587" (user and password hidden), "file:/path".
std::string redacted(const mail_url& url);

// 127.0.0.0/8, ::1 (bracketed or not) and "localhost".
bool is_loopback_host(std::string_view host);

}  // namespace profiledesk::mail
