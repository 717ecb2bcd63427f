#include "api/email_change.hpp"

#include "mail/message_builder.hpp"
#include "profiledesk/core/value_formats.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace profiledesk::api {

using nlohmann::json;

std::optional<std::string> normalized_email(std::string_view typed) {
    // Only an address our mail can reach: without SMTPUTF8, ASCII. Taking
    // "josé@example.com" would fail later as "could not send", again and again.
    if (!core::is_valid_email(typed) || !mail::is_single_address(typed)) return std::nullopt;
    std::string out(typed);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

std::string seal_email_link(const email_link_claims& claims, const auth::sealer& sealer) {
    const json plain = {
        {"sub", claims.sub}, {"address", claims.address}, {"id", claims.id}, {"exp", claims.expires_at}};
    return sealer.seal(plain.dump());
}

std::optional<email_link_claims> open_email_link(std::string_view token, const auth::sealer& sealer) {
    if (!is_token_shaped(token)) return std::nullopt;
    const auto plain = sealer.open(token);
    if (!plain) return std::nullopt;
    const auto j = json::parse(*plain, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || j.size() != 4) return std::nullopt;
    const auto text = [&](const char* key) -> std::optional<std::string> {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
        return it->get<std::string>();
    };
    const auto sub = text("sub"), address = text("address"), id = text("id");
    const auto exp = j.find("exp");
    if (!sub || !address || !id || exp == j.end() || !exp->is_number_integer()) return std::nullopt;
    return email_link_claims{*sub, *address, *id, exp->get<std::int64_t>()};
}

bool is_token_shaped(std::string_view token) {
    if (token.empty() || token.size() > max_token_size) return false;
    return std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

link_verdict judge_claims(const std::optional<email_link_claims>& claims, const std::string& signed_in_sub,
                          std::int64_t now) {
    if (!claims) return link_verdict::invalid;
    if (claims->expires_at <= now) return link_verdict::expired;
    if (claims->sub != signed_in_sub) return link_verdict::other_user;
    return link_verdict::apply;
}

link_verdict judge_link(const std::optional<email_link_claims>& claims, const std::string& signed_in_sub,
                        const std::optional<pending_email>& pending, std::int64_t now) {
    if (const auto v = judge_claims(claims, signed_in_sub, now); v != link_verdict::apply) return v;
    // Bound to the request (id) and the address both: a replaced, cancelled
    // or used request no longer matches.
    if (!pending || pending->notice_only || pending->id != claims->id || pending->address != claims->address ||
        pending->expires_at <= now) {
        return link_verdict::not_pending;
    }
    return link_verdict::apply;
}

}  // namespace profiledesk::api
