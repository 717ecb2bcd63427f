// Sending email (issue 17): verification links and notices about account
// changes. The contract every sender keeps; make_mailer (make_mailer.hpp)
// builds the one MAIL_URL names:
//   smtp://host[:port]   SMTP, STARTTLS required unless the host is loopback
//   smtps://host[:port]  SMTP over TLS
//   file:DIR             each message written to DIR as an .eml file (the
//                        development outbox scripts/run uses)
// Sending never runs on an I/O thread: messages wait in a bounded queue for
// a worker of the mailer's own, which tries again with backoff until the
// message's deadline.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace profiledesk::mail {

struct message {
    std::string to;       // one address, already checked by the caller
    std::string subject;  // one line
    std::string text;     // text/plain body, UTF-8
    std::string html;     // text/html body, UTF-8 ("" for text only)
};

// How a send ended: the server took the message, or the mailer gave up (queue
// full, or still failing at the deadline).
enum class send_result { sent, failed };

class mailer {
public:
    virtual ~mailer() = default;
    // Queues `m`. `done` runs exactly once, on the mailer's worker thread (or
    // inline when the queue is full), with how it ended, at the latest at
    // `deadline` from now: a caller that must tell the user can wait for it.
    virtual void send(message m, std::chrono::milliseconds deadline, std::function<void(send_result)> done) = 0;
    // False when MAIL_URL is unset: every send fails at once, and a route
    // that would mail answers 503 mail_unavailable before doing anything else
    // (README: Mail).
    virtual bool configured() const { return true; }
};

}  // namespace profiledesk::mail
