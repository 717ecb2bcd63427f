// The mailer every sender is wrapped in: messages wait in a bounded queue
// for ONE worker thread of the queue's own (never an I/O thread), which hands
// them to the transport and, when an attempt fails for a reason that may
// pass (a server down, a 4xx reply), tries again after 0.5 s, 1 s, 2 s...
// (doubling, at most max_retry) until the message's deadline.
//
// done() runs exactly once per message: inline in send() when the message is
// refused (header injection: message_builder.hpp) or the queue is full or
// closing; otherwise on the worker, with sent, or failed when the server
// refused for good, the next attempt would start past the deadline, or the
// mailer is being destroyed. One attempt at a time: a message waiting behind
// a slow attempt may end a transfer timeout past its deadline.
//
// Counted in profiledesk_mail_total{result} and profiledesk_mail_retries_total;
// logged without an address, a subject or a body.
#pragma once

#include "mail/mailer.hpp"
#include "mail/transport.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace profiledesk::mail {

struct queue_settings {
    std::string from;  // MAIL_FROM
    // Messages waiting at most: past it, send() fails at once rather than
    // holding memory and promising a delivery far beyond any deadline.
    std::size_t capacity = 256;
    std::chrono::milliseconds first_retry{500};  // the first wait after a failed attempt
    std::chrono::milliseconds max_retry{30000};  // the waits double up to this
};

std::shared_ptr<mailer> make_queued_mailer(std::unique_ptr<transport> t, queue_settings s);

}  // namespace profiledesk::mail
