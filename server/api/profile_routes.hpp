// The signed-in user's own profile:
//   GET   /api/profile   the profile view (profile_view.hpp)
//   PATCH /api/profile   {baseVersion, changes}: checked, then sent to the
//                        Management API; 200 with the new view, or a stable error
// Both end every session of a user the provider has blocked or deleted
// (account_state.hpp) when they read the record.
#pragma once

#include "api/auth_routes.hpp"
#include "api/pending_emails.hpp"
#include "api/per_key_task_queue.hpp"
#include "api/profile_view.hpp"
#include "api/version_snapshots.hpp"
#include "api/write_lock.hpp"
#include "http/per_client_budget.hpp"
#include "http/router.hpp"
#include "mgmt/connection_policies.hpp"
#include "mgmt/users_client.hpp"
#include "profiledesk/core/field_schema.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::api {

struct profile_context {
    std::shared_ptr<auth_context> auth;
    std::shared_ptr<mgmt::users_client> users;
    // Database connections' password policies (null: core's default).
    std::shared_ptr<mgmt::connection_policies> policies;
    std::shared_ptr<const core::field_schema> schema;
    edit_settings edits;
    std::string origin;  // our origin (from BASE_URL), for the CSRF Origin check
    // The whole answer to our client, upstream waits and retries included.
    std::chrono::milliseconds deadline{8000};
    // This process's saves of one user, one at a time in arrival order.
    std::shared_ptr<per_key_task_queue> writes = std::make_shared<per_key_task_queue>();
    // Across instances, for the conflict check (write_lock.hpp): redis_write_lock.hpp in a cluster.
    std::shared_ptr<write_lock> locks = std::make_shared<local_write_lock>();
    // redis_version_snapshots.hpp in a cluster.
    std::shared_ptr<version_snapshots> versions = std::make_shared<memory_version_snapshots>();
    // Each signed-in user's budget for PATCH, keyed by their sub (null: none):
    // saves spend the tenant's Management API rate limit, which all users share.
    std::shared_ptr<http::client_budget> write_budget;
    // Each user's pending email change, shown in GET's view (null: none kept).
    std::shared_ptr<api::pending_emails> pending_changes;
};

void add_profile_routes(http::router& routes, std::shared_ptr<profile_context> ctx);

// Structural limits on a PATCH body, checked before anything else reads it.
inline constexpr std::size_t max_json_depth = 16;

}  // namespace profiledesk::api
