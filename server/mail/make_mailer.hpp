// The mailer MAIL_URL names, wrapped in the queue (mail_queue.hpp). main.cpp
// builds one and hands it to the routes that mail.
#pragma once

#include "mail/mail_queue.hpp"
#include "mail/mail_url.hpp"
#include "mail/mailer.hpp"
#include "mail/transport.hpp"

#include <memory>
#include <optional>
#include <string>

namespace profiledesk::mail {

struct mailer_settings {
    std::optional<mail_url> url;  // MAIL_URL parsed; nullopt: mail is off
    std::string from;             // MAIL_FROM
    std::string ca_file;          // CA_FILE; "" = the system store
    smtp_limits smtp;             // connect and transfer timeouts
    queue_settings queue;         // capacity and backoff (`from` is taken from above)
};

// Mail off (no url): a mailer whose configured() is false and whose send
// fails at once. file: creates the directory when missing. Throws
// std::runtime_error when the directory cannot be made (the message names
// the OS error, not a value).
std::shared_ptr<mailer> make_mailer(mailer_settings s);

}  // namespace profiledesk::mail
