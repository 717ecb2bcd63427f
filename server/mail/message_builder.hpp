// One email as the bytes an SMTP server or an .eml file takes (RFC 5322 with
// MIME, RFC 2045-2047): pure, no clock and no randomness of its own, so a test
// states every byte it expects.
//
//   From: no-reply@desk.example.com
//   To: ana@example.com
//   Subject: =?UTF-8?B?...?=            (RFC 2047 when not plain ASCII or long)
//   Date: Thu, 03 Dec 2026 20:28:43 +0000
//   Message-ID: <unique@desk.example.com>
//   MIME-Version: 1.0
//   Auto-Submitted: auto-generated     (RFC 3834: no auto-replies, please)
//   Content-Type: multipart/alternative; boundary="=_pd_unique"
//
// then a text/plain and a text/html part (only text/plain when html is ""),
// each UTF-8 in base64 (RFC 2045 6.8, lines of 76). Every line ends in CRLF.
//
// Header injection: a recipient, sender or subject holding CR, LF or any other
// control character, or a recipient that is not exactly one address, is
// refused (nullopt), never repaired.
#pragma once

#include "mail/mailer.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::mail {

// One plain address (local@domain, ASCII: we do not speak SMTPUTF8), the
// form MAIL_FROM and message::to must have. core::is_valid_email's rule, plus ASCII.
bool is_single_address(std::string_view address);

struct build_input {
    std::string from;                            // MAIL_FROM
    std::chrono::system_clock::time_point date;  // the Date header
    // Letters, digits, '-' or '_' only (a random token): the Message-ID's left
    // part and the MIME boundary's tail.
    std::string unique;
};

struct built_message {
    std::string data;    // the whole message, CRLF line ends
    std::string reason;  // when refused: what was wrong, without the value ("to is not one address")
    bool ok() const { return reason.empty(); }
};

built_message build_message(const message& m, const build_input& in);

// Pieces, tested on their own.
// "Thu, 03 Dec 2026 20:28:43 +0000" (RFC 5322 3.3), always UTC.
std::string rfc5322_date(std::chrono::system_clock::time_point t);
// The Subject header's value: `subject` as is when it is printable ASCII and
// short, else RFC 2047 B encoded-words of at most 75 characters, never
// splitting a UTF-8 sequence, folded with CRLF SP.
std::string encode_subject(std::string_view subject);
// base64 in lines of 76 characters, each ending in CRLF.
std::string base64_lines(std::string_view bytes);
// Any LF, CRLF or lone CR as CRLF.
std::string crlf_lines(std::string_view text);

}  // namespace profiledesk::mail
