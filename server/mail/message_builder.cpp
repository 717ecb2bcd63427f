#include "mail/message_builder.hpp"

#include "profiledesk/core/base64.hpp"
#include "profiledesk/core/utf8.hpp"
#include "profiledesk/core/value_formats.hpp"

#include <algorithm>
#include <ctime>

namespace profiledesk::mail {
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool is_printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

bool is_unique_token(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    });
}

// A subject longer than this is a caller's mistake (RFC 5322 2.1.1 caps a
// line at 998 characters; ours are a short sentence).
constexpr std::size_t max_subject_bytes = 500;

// RFC 5322 2.1.1: a header line SHOULD stay within 78 characters.
constexpr std::size_t max_header_line = 78;

// An encoded-word is at most 75 characters (RFC 2047 section 2):
// "=?UTF-8?B?" + base64 + "?=" leaves 63 for base64, i.e. 45 bytes of text.
constexpr std::size_t max_encoded_word_bytes = 45;

std::string part(std::string_view type, std::string_view body) {
    return "Content-Type: " + std::string(type) +
           "; charset=utf-8\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n" +
           base64_lines(crlf_lines(body));
}

}  // namespace

bool is_single_address(std::string_view address) {
    return is_printable_ascii(address) && core::is_valid_email(address);
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char out[96];  // room for any int the format could meet (-Wformat-truncation)
    // The names in English whatever the locale (RFC 5322 3.3).
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return out;
}

std::string encode_subject(std::string_view subject) {
    if (is_printable_ascii(subject) && subject.size() + std::string_view("Subject: ").size() <= max_header_line) {
        return std::string(subject);
    }
    std::string out;
    std::size_t start = 0;
    while (start < subject.size()) {
        std::size_t end = std::min(subject.size(), start + max_encoded_word_bytes);
        // Back up to the start of a UTF-8 sequence: a word must hold whole characters (RFC 2047 section 5).
        while (end < subject.size() && end > start && (static_cast<unsigned char>(subject[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + core::base64_encode(subject.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string base64_lines(std::string_view bytes) {
    const std::string encoded = core::base64_encode(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 38 + 2);
    for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
    return out;
}

std::string crlf_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 40);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

built_message build_message(const message& m, const build_input& in) {
    built_message b;
    if (!is_single_address(m.to)) {
        b.reason = "the recipient is not one plain address";
    } else if (!is_single_address(in.from)) {
        b.reason = "MAIL_FROM is not one plain address";
    } else if (m.subject.size() > max_subject_bytes || !core::is_valid_utf8(m.subject) ||
               std::any_of(m.subject.begin(), m.subject.end(), [](unsigned char c) { return is_control(c); })) {
        b.reason = "the subject is not one line of UTF-8 text";
    } else if (!core::is_valid_utf8(m.text) || !core::is_valid_utf8(m.html)) {
        b.reason = "a body is not UTF-8";
    } else if (!is_unique_token(in.unique)) {
        b.reason = "the unique part is not a token";
    }
    if (!b.ok()) return b;

    const std::string domain = in.from.substr(in.from.find('@') + 1);
    std::string& d = b.data;
    d += "From: " + in.from + "\r\n";
    d += "To: " + m.to + "\r\n";
    d += "Subject: " + encode_subject(m.subject) + "\r\n";
    d += "Date: " + rfc5322_date(in.date) + "\r\n";
    d += "Message-ID: <" + in.unique + "@" + domain + ">\r\n";
    d += "MIME-Version: 1.0\r\n";
    d += "Auto-Submitted: auto-generated\r\n";
    if (m.html.empty()) {
        d += part("text/plain", m.text);
        return b;
    }
    // "=_" cannot occur in base64 text, so the boundary never appears in a part.
    const std::string boundary = "=_pd_" + in.unique;
    d += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    d += "--" + boundary + "\r\n" + part("text/plain", m.text);
    d += "--" + boundary + "\r\n" + part("text/html", m.html);
    d += "--" + boundary + "--\r\n";
    return b;
}

}  // namespace profiledesk::mail
