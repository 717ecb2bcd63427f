// Field ids and the metadata keys inside them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

// Field ids name an editable value across the API and the UI: a root attribute
// by its name ("name"), a metadata field as "user_metadata.<key>". Keys never
// contain '.', so the id is unambiguous.
inline constexpr std::string_view metadata_field_prefix = "user_metadata.";
std::string metadata_field_id(std::string_view key);
// "user_metadata.bio" -> "bio"; anything else -> nullopt.
std::optional<std::string_view> metadata_key_of(std::string_view field_id);

// The longest metadata key, in code points.
inline constexpr std::size_t max_key_length = 64;

// Why `key` cannot name a schema field ("must not be empty", "must not
// contain '.' or '$'", ...), or nullopt when it can. Auth0's rule on metadata
// key names (no '.' or '$', metadata_merge.hpp) plus Profile Desk's: not
// empty, at most max_key_length code points, valid UTF-8 without control
// characters (keys appear in field ids and messages).
std::optional<std::string> metadata_key_problem(std::string_view key);

}  // namespace profiledesk::core
