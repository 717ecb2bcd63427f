// The editable part of a profile, what changed in it, whose edit collides
// with whose, and the Auth0 PATCH body that carries a change.
//
// One shape flows through the product:
//
//   editable_values(profile, schema)      flat: {"name": "Ada", "user_metadata.bio": "...", ...}
//   diff(loaded, draft)                   changes: {"name": "Ada L.", "user_metadata": {"bio": null}}
//   conflicts(base, current, changes)     ["user_metadata.bio"]  (conflicting_fields for field ids)
//   upstream_patch(changes)               the PATCH /api/v2/users/{id} body
//
// `changes` is the body of `PATCH /api/profile` (minus baseVersion) that the
// browser sends and validate_changes() checks. A value of null means "remove".
//
// Auth0 merges `user_metadata` one level deep, replaces nested values whole,
// deletes a key sent as null and wipes everything on {} (metadata_merge.hpp).
// So a metadata value that is an object or an array is compared and sent whole,
// and `user_metadata` is never sent as {} or null.
#pragma once

#include "profiledesk/core/field_schema.hpp"
#include "profiledesk/core/profile.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::core {

// Field id ("name", "user_metadata.bio"; see field_schema.hpp) -> value.
// null, or no entry at all, both mean "no value".
using field_values = std::map<std::string, nlohmann::json>;

// The root attributes a person may edit (the synced rows of root_attributes.hpp)
// and `user_metadata.<key>` for every key the schema declares, each present:
// null where the profile has no value. Metadata the schema does not declare is
// left out: it is not the editor's business.
field_values editable_values(const profile& p, const field_schema& schema);

// The changes that turn `before` into `after`, in the PATCH shape: root
// attributes at the top, metadata fields under "user_metadata". Only what
// differs (JSON equality, so 1 and 1.0 are equal and objects compare deeply);
// a value removed or set to null becomes null; an id in neither map is no
// change. {} when nothing changed. Throws std::invalid_argument
// ("[diff.unknown_field] ...") for an id that is neither a root attribute nor
// "user_metadata.<key>": a programming error, not a user's.
nlohmann::json diff(const field_values& before, const field_values& after);

// `changes` flattened to field ids: {"name": "x", "user_metadata": {"bio": null}}
// -> {"name": "x", "user_metadata.bio": null}. Keys other than the root
// attributes and user_metadata are ignored, as is a user_metadata that is not
// an object (validate_changes reports both).
field_values change_values(const nlohmann::json& changes);

// The conflict rule, the one place it lives. The field ids in `proposed`
// (id -> the value this user sends) that someone else changed since the user
// loaded `base`: their value in `current` differs from `base`. A field changed
// elsewhere to exactly the value this user sends is not a conflict (both
// agree; nothing is lost). Without a base (nullopt: the version the user
// loaded is unknown), nothing tells what changed elsewhere, so every field
// whose current value differs from the proposed one is the user's call.
// Sorted. The server answers 409 with {id: current value} for these (every
// other field of the request can go through); the app asks the person about
// them when it restores a draft kept in the tab.
std::vector<std::string> conflicting_fields(const std::optional<field_values>& base, const field_values& current,
                                            const field_values& proposed);

// The same rule for a PATCH `changes` object: conflicting_fields(base,
// current, change_values(changes)).
std::vector<std::string> conflicts(const field_values& base, const field_values& current,
                                   const nlohmann::json& changes);

// The Auth0 PATCH body for validated `changes`: the root attributes as they
// are, and user_metadata with only the top-level keys that changed (nested
// values whole, null to delete). user_metadata is left out when it is absent,
// null or {} (sending those would wipe the user's metadata at Auth0), so an
// empty object means "send nothing". Throws std::invalid_argument
// ("[diff.not_allowed] ...") when `changes` is not an object or carries any
// other key: the last gate before upstream, for a caller that skipped
// validate_changes().
nlohmann::json upstream_patch(const nlohmann::json& changes);

}  // namespace profiledesk::core
