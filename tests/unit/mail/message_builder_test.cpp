#include "mail/message_builder.hpp"
#include "mail/eml_reader.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mail;
using namespace std::chrono_literals;

namespace {

// 2026-12-03 20:28:43 UTC, a Thursday.
const auto when = std::chrono::system_clock::time_point(1796329723s);

build_input input() { return {"no-reply@desk.example.com", when, "u1Q-x_9"}; }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("mail: a message is RFC 5322 with MIME, every line ending in CRLF") {
    const auto b = build_message(
        {"ana@example.com", "Confirm your new email", "Hello\nFollow: https://x.test/a?t=1\n", "<p>Hello</p>"},
        input());
    REQUIRE(b.ok());
    const auto& d = b.data;
    CHECK(d.rfind("From: no-reply@desk.example.com\r\nTo: ana@example.com\r\nSubject: Confirm your new email\r\n"
                  "Date: Thu, 03 Dec 2026 20:28:43 +0000\r\nMessage-ID: <u1Q-x_9@desk.example.com>\r\n"
                  "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
                  "Content-Type: multipart/alternative; boundary=\"=_pd_u1Q-x_9\"\r\n\r\n",
                  0) == 0);
    CHECK(has(d, "--=_pd_u1Q-x_9\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"));
    CHECK(has(d, "--=_pd_u1Q-x_9\r\nContent-Type: text/html; charset=utf-8\r\n"));
    CHECK(d.size() >= 20);
    CHECK(d.substr(d.size() - 18) == "--=_pd_u1Q-x_9--\r\n");
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (d[i] == '\n') REQUIRE((i > 0 && d[i - 1] == '\r'));
    }
    // What a reader gets back: the text with its line ends, the link intact.
    const auto r = read_eml(d);
    CHECK(r.to == "ana@example.com");
    CHECK(r.subject == "Confirm your new email");
    CHECK(r.text == "Hello\nFollow: https://x.test/a?t=1\n");
    CHECK(links_in(r.text) == std::vector<std::string>{"https://x.test/a?t=1"});
}

TEST_CASE("mail: text only is one text/plain part") {
    const auto b = build_message({"ana@example.com", "Hi", "Only text", ""}, input());
    REQUIRE(b.ok());
    CHECK_FALSE(has(b.data, "multipart"));
    CHECK(has(b.data,
              "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
              "T25seSB0ZXh0\r\n"));
    CHECK(read_eml(b.data).text == "Only text");
}

TEST_CASE("mail: a subject that is not ASCII is RFC 2047 encoded-words, never splitting a character") {
    CHECK(encode_subject("Plain ASCII") == "Plain ASCII");
    CHECK(encode_subject("Grüße") == "=?UTF-8?B?R3LDvMOfZQ==?=");
    // 40 two-byte letters: 80 bytes, more than one 45-byte word.
    std::string long_subject;
    for (int i = 0; i < 40; ++i) long_subject += "é";
    const auto encoded = encode_subject(long_subject);
    std::size_t start = 0, words = 0;
    while (start <= encoded.size()) {
        const auto end = std::min(encoded.find("\r\n ", start), encoded.size());
        const auto word = encoded.substr(start, end - start);
        INFO(word);
        CHECK(word.size() <= 75);
        CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
        ++words;
        start = end + 3;
    }
    CHECK(words == 2);
    // Each word holds whole characters: decoding gives the subject back.
    const auto b = build_message({"ana@example.com", long_subject, "x", ""}, input());
    REQUIRE(b.ok());
    CHECK(read_eml(b.data).subject == long_subject);
    // A long ASCII subject is folded the same way rather than making a long line.
    const std::string long_ascii(120, 'a');
    CHECK(encode_subject(long_ascii).rfind("=?UTF-8?B?", 0) == 0);
    CHECK(read_eml(build_message({"ana@example.com", long_ascii, "x", ""}, input()).data).subject == long_ascii);
}

TEST_CASE("mail: base64 bodies in lines of 76, line ends made CRLF first") {
    const std::string text(200, 'x');
    const auto lines = base64_lines(text);
    for (std::size_t start = 0; start < lines.size();) {
        const auto end = lines.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= 76);
        start = end + 2;
    }
    CHECK(crlf_lines("a\nb\r\nc\rd") == "a\r\nb\r\nc\r\nd");
}

TEST_CASE("mail: header injection is refused, not repaired") {
    const message good{"ana@example.com", "Subject", "text", ""};
    CHECK(build_message(good, input()).ok());
    for (const char* to : {"ana@example.com\r\nBcc: eve@example.com", "ana@example.com\nBcc: eve@example.com",
                           "ana@example.com, eve@example.com", "Ana <ana@example.com>", "ana@example.com eve@x.com", "",
                           "ana", "ana@localhost", "añа@example.com"}) {
        INFO(to);
        auto m = good;
        m.to = to;
        const auto b = build_message(m, input());
        CHECK_FALSE(b.ok());
        CHECK(b.data.empty());
        CHECK(b.reason == "the recipient is not one plain address");
    }
    for (const char* subject : {"Hi\r\nBcc: eve@example.com", "Hi\nthere", "Hi\rthere", "tab\there", "nul\x01"}) {
        INFO(subject);
        auto m = good;
        m.subject = subject;
        CHECK(build_message(m, input()).reason == "the subject is not one line of UTF-8 text");
    }
    auto bad_from = input();
    bad_from.from = "desk@example.com\r\nBcc: eve@example.com";
    CHECK(build_message(good, bad_from).reason == "MAIL_FROM is not one plain address");
    auto not_utf8 = good;
    not_utf8.text = "\xff";
    CHECK(build_message(not_utf8, input()).reason == "a body is not UTF-8");
}

TEST_CASE("mail: the Date header is RFC 5322, in UTC, in English") {
    CHECK(rfc5322_date(when) == "Thu, 03 Dec 2026 20:28:43 +0000");
    CHECK(rfc5322_date(std::chrono::system_clock::time_point(0s)) == "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST_CASE("mail: links in a text") {
    CHECK(links_in("see https://a.test/x?y=1 and <http://b.test/>, \"https://c.test\"") ==
          std::vector<std::string>{"https://a.test/x?y=1", "http://b.test/", "https://c.test"});
    CHECK(links_in("httpx://no http:// https").empty());
}
