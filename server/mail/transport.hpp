// How one built message leaves: one attempt, blocking, on the mailer's worker
// thread (mail_queue.hpp). The queue decides about retries; a transport only
// says how its attempt went.
#pragma once

#include "mail/mail_url.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace profiledesk::mail {

struct attempt_result {
    bool sent = false;
    // Trying again cannot help: the server refused for good (an SMTP 5xx
    // reply, RFC 5321 4.2.1; credentials refused).
    bool permanent = false;
    long smtp_status = 0;  // the server's last reply code; 0 when none came
    std::string error;     // the library's or the OS's words, without an address (loggable)
};

class transport {
public:
    virtual ~transport() = default;
    // Delivers `data` (a built message) from `from` to `to`, giving up after
    // `time_left`. `stop` set: abandon the attempt as soon as possible.
    virtual attempt_result deliver(const std::string& from, const std::string& to, const std::string& data,
                                   std::chrono::milliseconds time_left, const std::atomic<bool>& stop) = 0;
};

struct smtp_limits {
    // A server that has not answered the TCP and TLS handshakes in this long
    // is down for this attempt; the queue tries again.
    std::chrono::milliseconds connect_timeout{10000};
    // One whole SMTP dialogue; our messages are a few kilobytes.
    std::chrono::milliseconds transfer_timeout{30000};
};

// SMTP with libcurl: STARTTLS required off loopback (CURLUSESSL_ALL), smtps://
// is TLS from the start; TLS verifies the peer and the host name against
// `ca_file` ("" = the system store). Credentials from the URL.
std::unique_ptr<transport> make_smtp_transport(const mail_url& url, std::string ca_file, smtp_limits limits = {});

// file:DIR: each message written to DIR/<time>-<id>.eml through a temporary
// file and a rename, so that a reader never sees half a message.
std::unique_ptr<transport> make_file_transport(std::string directory);

}  // namespace profiledesk::mail
