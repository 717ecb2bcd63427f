// The account itself:
//   DELETE /api/account         {"confirm": "<their email>"}: deletes the account at the provider
//                               (DELETE /api/v2/users/{id}), ends every session of the user, clears
//                               the cookie; 200 {"deleted": true, "logoutUrl"}. Only with
//                               ALLOW_ACCOUNT_DELETION (else 403 account_deletion_disabled), CSRF as
//                               every write, 400 confirmation_mismatch unless `confirm` is the account's
//                               email (core/email_confirmation.hpp), 401 reauthentication_required
//                               unless the sign-in is recent (core/reauthentication.hpp).
//   GET    /api/account/export  the user's data as a JSON attachment (account_export.hpp), named with
//                               the date, no-store; budgeted per user (429 too_many_exports).
#pragma once

#include "api/auth_routes.hpp"
#include "http/client_budget.hpp"
#include "http/router.hpp"
#include "mgmt/users_client.hpp"

#include "profiledesk/core/account_view.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace profiledesk::api {

// A user's pending email change, for the export: the hook the email-change
// work (issue 17) fills with its store; null: nothing is pending anywhere.
using pending_email_lookup =
    std::function<void(const std::string& sub, state::callback<std::optional<core::pending_email_view>> done)>;

struct account_context {
    std::shared_ptr<auth_context> auth;
    std::shared_ptr<mgmt::users_client> users;
    bool allow_deletion = false;       // ALLOW_ACCOUNT_DELETION
    bool export_app_metadata = false;  // EXPORT_APP_METADATA
    // Each user's exports, keyed by their sub (null: no budget). Each costs a
    // Management API read from the tenant's shared rate limit, and a person
    // needs one now and then: export_budget_per_hour.
    std::shared_ptr<http::client_budget> export_budget;
    pending_email_lookup pending_email;
    // The whole answer to our client, upstream waits and retries included.
    std::chrono::milliseconds deadline{8000};
};

inline constexpr unsigned export_budget_per_hour = 5;

void add_account_routes(http::router& routes, std::shared_ptr<account_context> ctx);

}  // namespace profiledesk::api
