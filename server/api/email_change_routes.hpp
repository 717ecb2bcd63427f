// Changing the signed-in user's email address (issue 17), verified before it
// is applied:
//   POST   /api/account/email          {"email"}: starts (or resends) a change:
//                                      mails a single-use link to the NEW address; 202 {"pendingEmail"}
//   DELETE /api/account/email          cancels the pending change (204, idempotent)
//   GET    /account/email/confirm?token=...   the mailed link: a page; applies the
//                                      change upstream when the link is the signed-in
//                                      user's current pending change, then notifies the old address
// The pending change is shown by GET /api/profile (account.pendingEmail).
//
// Whether an address already belongs to another user of the connection is
// never told to the one asking: they get the same 202 and the same pending
// change on their page, while the address's owner gets a notice instead of a
// link (the change is stored notice_only, so nothing can ever apply it).
#pragma once

#include "api/auth_routes.hpp"
#include "api/pending_emails.hpp"
#include "api/profile_view.hpp"
#include "auth/sealer.hpp"
#include "http/client_budget.hpp"
#include "http/router.hpp"
#include "mail/mailer.hpp"
#include "mgmt/users_client.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace profiledesk::api {

// Each user's budget of mails (links and notices together): a person needs
// one or two tries; more is someone using us to mail a stranger. Shared by
// the cluster through Redis (main.cpp builds it).
inline constexpr double email_mails_per_hour = 5;

struct email_change_context {
    std::shared_ptr<auth_context> auth;
    std::shared_ptr<mgmt::users_client> users;
    // Null: no mail configured: a start answers 503 mail_unavailable.
    std::shared_ptr<mail::mailer> mailer;
    // redis_pending_emails.hpp in a cluster.
    std::shared_ptr<pending_emails> pending = std::make_shared<memory_pending_emails>();
    std::shared_ptr<auth::sealer> link_sealer;         // keyed from SECRET, purpose email_change_link_purpose
    std::shared_ptr<http::client_budget> mail_budget;  // per user (null: none)
    edit_settings edits;
    std::string origin;       // BASE_URL's origin, for the CSRF check
    std::string base_url;     // BASE_URL, no trailing slash: the link's and the notices' address
    std::string support_url;  // named in the notice to the old address ("": "contact support")
    // Upstream reads and the write, each call.
    std::chrono::milliseconds deadline{8000};
    // How long a start waits for the mail to go out before telling the user it failed.
    std::chrono::milliseconds mail_deadline{10000};
};

void add_email_change_routes(http::router& routes, std::shared_ptr<email_change_context> ctx);

}  // namespace profiledesk::api
