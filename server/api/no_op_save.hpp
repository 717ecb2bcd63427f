// Whether a save asks for nothing new, so that it needs no Management API
// write (and, while the record is in the read cache, no upstream call at
// all): each one costs a share of the tenant's rate limit, which all users share.
#pragma once

#include "profiledesk/core/profile_diff.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace profiledesk::api {

// True when validated `changes` name no field (`{}`, `{"user_metadata": {}}`),
// or when `base` (the values of the version the user edited, when this server
// still knows them) already holds every value they send: relative to what the
// user saw, nothing changes. Without `base`, a non-empty save is never a no-op.
bool changes_nothing(const nlohmann::json& changes, const std::optional<core::field_values>& base);

}  // namespace profiledesk::api
