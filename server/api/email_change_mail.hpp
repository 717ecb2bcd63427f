// The three mails of an email change, plain text and HTML (every value
// escaped): the link to the NEW address; the notice to an address that
// already belongs to another account (instead of a link: whether an address
// is taken is never told to the one asking); the notice to the OLD address
// once the change is applied.
#pragma once

#include "mail/mailer.hpp"

#include <cstdint>
#include <string>

namespace profiledesk::api {

// `link`: the whole confirmation URL; `expires_at`: Unix seconds.
mail::message email_link_mail(const std::string& to, const std::string& link, std::int64_t expires_at);

// `app_url`: BASE_URL (where its owner may sign in).
mail::message address_taken_mail(const std::string& to, const std::string& app_url);

// `support_url`: where to get help ("" : the text says to contact support).
mail::message email_changed_mail(const std::string& old_address, const std::string& new_address,
                                 std::int64_t changed_at, const std::string& support_url);

// "2026-12-03 20:41 UTC".
std::string utc_minutes(std::int64_t unix_seconds);

}  // namespace profiledesk::api
