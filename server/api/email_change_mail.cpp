#include "api/email_change_mail.hpp"

#include "http/html_page.hpp"

#include <ctime>

namespace profiledesk::api {

namespace {

std::string paragraph(const std::string& text) { return "<p>" + http::html_escape(text) + "</p>\n"; }

std::string html_document(const std::string& body) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + body + "</body></html>\n";
}

}  // namespace

std::string utc_minutes(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M UTC", &tm);
    return out;
}

mail::message email_link_mail(const std::string& to, const std::string& link, std::int64_t expires_at) {
    const std::string intro = "You asked to use this address for your Profile Desk account.";
    const std::string action = "To confirm, open this link while signed in to Profile Desk (it works once, until " +
                               utc_minutes(expires_at) + "):";
    const std::string ignore = "If you did not ask for this, ignore this email: nothing changes.";
    mail::message m;
    m.to = to;
    m.subject = "Confirm your new email address";
    m.text = intro + "\n\n" + action + "\n" + link + "\n\n" + ignore + "\n";
    m.html = html_document(paragraph(intro) + paragraph(action) + "<p><a href=\"" + http::html_escape(link) + "\">" +
                           http::html_escape("Confirm my new email address") + "</a></p>\n" + paragraph(ignore));
    return m;
}

mail::message address_taken_mail(const std::string& to, const std::string& app_url) {
    const std::string what =
        "Someone asked to move a Profile Desk account to this email address. This address already belongs to an "
        "account, so nothing was changed.";
    const std::string yours = "If that was you, sign in with this address instead: " + app_url;
    const std::string ignore = "If it was not you, ignore this email: your account is unchanged.";
    mail::message m;
    m.to = to;
    m.subject = "Someone tried to use your email address";
    m.text = what + "\n\n" + yours + "\n\n" + ignore + "\n";
    m.html = html_document(paragraph(what) + paragraph(yours) + paragraph(ignore));
    return m;
}

mail::message email_changed_mail(const std::string& old_address, const std::string& new_address,
                                 std::int64_t changed_at, const std::string& support_url) {
    const std::string what = "The email address of your Profile Desk account was changed on " +
                             utc_minutes(changed_at) + " from " + old_address + " to " + new_address + ".";
    const std::string after = "From now on you sign in with the new address.";
    const std::string help = support_url.empty()
                                 ? "If you did not make this change, contact support at once."
                                 : "If you did not make this change, contact support at once: " + support_url;
    mail::message m;
    m.to = old_address;
    m.subject = "Your email address was changed";
    m.text = what + "\n" + after + "\n\n" + help + "\n";
    m.html = html_document(paragraph(what) + paragraph(after) + paragraph(help));
    return m;
}

}  // namespace profiledesk::api
