// The password rules of an Auth0 database connection, checked in core so the
// server refuses a weak password before the Management API is called and the
// app shows the same rules live as the user types (the tenant checks again:
// it is the authority). Auth0's levels (its "Password Strength" docs, which
// follow the password-sheriff library it uses):
//
//   none       at least 1 character
//   low        at least 6 characters
//   fair       at least 8, with a lower-case letter, an upper-case letter and a digit
//   good       at least 8, with 3 of: lower-case, upper-case, digit, special character
//   excellent  at least 10, 3 of those 4, and no character more than twice in a row
//
// `min_length` (the connection's password_complexity_options.min_length, 1 to
// 128) replaces the level's length when it is set. Letters and digits are
// ASCII, as password-sheriff counts them; the special characters are its set,
// ASCII punctuation and space. Lengths count code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::core {

enum class password_level { none, low, fair, good, excellent };

// "none", "low", "fair", "good", "excellent" (Auth0's passwordPolicy values).
std::string_view password_level_name(password_level level);
std::optional<password_level> parse_password_level(std::string_view name);

struct password_policy {
    password_level level = password_level::good;
    std::optional<std::size_t> min_length;  // password_complexity_options.min_length
};

// Longest password accepted, in bytes: bcrypt, which Auth0 hashes with, reads
// 72 bytes at most, so a longer one would only seem stronger.
inline constexpr std::size_t max_password_bytes = 72;

// One rule of a policy. `id` is stable (the app and the API name rules by it);
// `min` is the number the rule needs (a length, or how many kinds of character).
struct password_rule {
    std::string id;  // "length", "max_bytes", "lower", "upper", "digit", "kinds", "no_triples"
    std::size_t min = 0;

    bool operator==(const password_rule& o) const { return id == o.id && min == o.min; }
};

// Every rule of the policy, in the order a form lists them.
std::vector<password_rule> password_rules(const password_policy& policy);

// The rules `password` fails (empty: it passes). `password` is UTF-8; one
// that is not valid UTF-8 fails "length".
std::vector<password_rule> unmet_password_rules(const password_policy& policy, std::string_view password);

}  // namespace profiledesk::core
