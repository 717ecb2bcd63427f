// An email change (issue 17), the pure part: the pending change a user
// started, the link mailed to the NEW address, and whether a followed link
// may be applied. The routes (email_change_routes.hpp) do the I/O.
//
// The link is GET <BASE_URL>/account/email/confirm?token=<sealed>, the token
// sealed by auth::sealer (AES-256-GCM, key from SECRET with the purpose
// email_change_link_purpose) over {sub, address, id, expires}: nobody can read
// it or make one, and it is bound to the user and the address. Single use and
// replacement come from the store: a link works only while its id is the
// user's CURRENT pending change, which following it consumes.
#pragma once

#include "auth/sealer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::api {

// A link works for a day: long enough to reach a mailbox checked once a day,
// short enough that an old mail found later is useless.
inline constexpr std::int64_t email_link_lifetime_seconds = 24 * 60 * 60;

// The sealer purpose of the links; nothing else is sealed with it.
inline constexpr std::string_view email_change_link_purpose = "email-change-link";

// The path of the mailed link (its query: token=<sealed>).
inline constexpr std::string_view email_confirm_path = "/account/email/confirm";

// What the store keeps per user while a change is pending.
struct pending_email {
    std::string address;          // the new address, normalised (normalized_email)
    std::string id;               // 128 random bits, base64url: names this request, and its link
    std::int64_t expires_at = 0;  // Unix seconds
    // The address belongs to another user of the connection: its owner got a
    // notice instead of a link, so nothing can ever apply this change. Kept
    // so the user's page looks exactly as for a free address (never shown).
    bool notice_only = false;

    bool operator==(const pending_email& o) const {
        return address == o.address && id == o.id && expires_at == o.expires_at && notice_only == o.notice_only;
    }
};

// The address as it will be stored, or nullopt when it is no email address
// (core::is_valid_email) or one our mail cannot reach (not ASCII:
// mail::is_single_address). Auth0 keeps database users' addresses in lower case
// (docs/auth0.md), and only database users change theirs here, so the whole
// address is lower-cased (ASCII): the link goes to the very address applied.
std::optional<std::string> normalized_email(std::string_view typed);

// What the sealed token carries.
struct email_link_claims {
    std::string sub;
    std::string address;
    std::string id;
    std::int64_t expires_at = 0;

    bool operator==(const email_link_claims& o) const {
        return sub == o.sub && address == o.address && id == o.id && expires_at == o.expires_at;
    }
};

std::string seal_email_link(const email_link_claims& claims, const auth::sealer& sealer);

// The claims, or nullopt when the token was not sealed by us for this purpose
// (tampered, cut, another SECRET) or is malformed inside. Expiry is not
// judged here (link_verdict does).
std::optional<email_link_claims> open_email_link(std::string_view token, const auth::sealer& sealer);

// The token as it may appear in the link: base64url, 1 to max_token_size
// characters (so the return path through sign-in stays well under its limit).
inline constexpr std::size_t max_token_size = 1024;
bool is_token_shaped(std::string_view token);

enum class link_verdict {
    apply,        // the signed-in user's current pending change: consume it and apply
    invalid,      // not ours, tampered, or malformed
    expired,      // past its expiry
    other_user,   // sealed for another account than the one signed in
    not_pending,  // used already, replaced by a newer request, cancelled, or never applicable
};

// The link alone, before it may consume anything: `apply` means "go on and
// take the pending change it names" (an expired link, or one for another
// account, must not spend the user's current change).
link_verdict judge_claims(const std::optional<email_link_claims>& claims, const std::string& signed_in_sub,
                          std::int64_t now);

// Judges a followed link. `claims`: open_email_link's answer; `pending`: the
// signed-in user's current pending change (nullopt: none); `now` Unix seconds.
link_verdict judge_link(const std::optional<email_link_claims>& claims, const std::string& signed_in_sub,
                        const std::optional<pending_email>& pending, std::int64_t now);

}  // namespace profiledesk::api
