// Deleting the account asks the user to type their email address
// ({"confirm": "..."} on DELETE /api/account): the server checks it, and the
// app may use the same test to enable its Delete button.
#pragma once

#include <string_view>

namespace profiledesk::core {

// Whether `typed` is the address `email`: the same local part exactly (RFC
// 5321 2.4: it may be case-sensitive) and the same domain in any case (domain
// names are case-insensitive, RFC 4343). Leading and trailing spaces in
// `typed` are ignored (a paste often brings one). An empty `email` is never
// confirmed.
bool confirms_email(std::string_view typed, std::string_view email);

}  // namespace profiledesk::core
