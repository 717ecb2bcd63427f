#include "mail/mail_url.hpp"
#include "mail/outbox_files.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mail;
using namespace std::chrono_literals;

namespace {

mail_url parsed(const std::string& text) {
    std::string error;
    auto u = parse_mail_url(text, error);
    INFO(error);
    REQUIRE(u);
    return *u;
}

std::string refused(const std::string& text) {
    std::string error;
    CHECK_FALSE(parse_mail_url(text, error));
    CHECK_FALSE(error.empty());
    return error;
}

}  // namespace

TEST_CASE("mail url: smtp:// and smtps://, credentials decoded and never shown") {
    const auto u = parsed("smtp://desk%40example.com:p%3Ass@smtp.example.com:587");
    CHECK(u.scheme == mail_url::kind::smtp);
    CHECK(u.host == "smtp.example.com");
    CHECK(u.port == 587);
    CHECK(u.user == "desk@example.com");
    CHECK(u.password == "p:ss");
    CHECK(u.server_url() == "smtp://smtp.example.com:587");
    CHECK(redacted(u) == "smtp://***@smtp.example.com:587");
    CHECK(u.requires_starttls());

    const auto tls = parsed("smtps://relay.example.com");
    CHECK(tls.scheme == mail_url::kind::smtps);
    CHECK(tls.port == 0);
    CHECK(tls.server_url() == "smtps://relay.example.com");
    CHECK(redacted(tls) == "smtps://relay.example.com");
    CHECK_FALSE(tls.requires_starttls());  // TLS from the first byte
    CHECK(parsed("smtp://h.example.com/").host == "h.example.com");
}

TEST_CASE("mail url: STARTTLS is required unless the host is loopback") {
    for (const char* url : {"smtp://127.0.0.1:2525", "smtp://127.8.9.10", "smtp://localhost:25", "smtp://[::1]:2525"}) {
        INFO(url);
        CHECK(parsed(url).loopback());
        CHECK_FALSE(parsed(url).requires_starttls());
    }
    for (const char* url : {"smtp://10.0.0.1", "smtp://128.0.0.1", "smtp://[::ffff:127.0.0.1]", "smtp://localhost.evil",
                            "smtp://127.0.0.1.example.com", "smtp://mail.example.com"}) {
        INFO(url);
        CHECK(parsed(url).requires_starttls());
    }
}

TEST_CASE("mail url: file:DIR") {
    CHECK(parsed("file:/var/lib/desk/outbox").directory == "/var/lib/desk/outbox");
    CHECK(parsed("file:///var/lib/desk/outbox").directory == "/var/lib/desk/outbox");
    CHECK(parsed("file:.cache/outbox").directory == ".cache/outbox");
    CHECK(redacted(parsed("file:/x")) == "file:/x");
}

TEST_CASE("mail url: what is refused, without repeating the URL") {
    CHECK(refused("http://smtp.example.com") == "must start with smtp://, smtps:// or file:");
    refused("smtp://");
    refused("smtp://user:hunter2@");
    refused("smtp://h.example.com:0");
    refused("smtp://h.example.com:70000");
    refused("smtp://h.example.com/path");
    refused("smtp://h.example.com?x=1");
    refused("smtp://h.example.com#f");
    refused("smtp://h.example.com :25");
    refused("smtp://h.example.com\r\n");
    refused("file:");
    for (const char* url : {"smtp://u:hunter2@h.example.com/x", "smtp://u:hunter2@:25"}) {
        std::string error;
        parse_mail_url(url, error);
        CHECK(error.find("hunter2") == std::string::npos);
    }
}

TEST_CASE("outbox: file names sort by time and only the pattern is accepted") {
    const auto name = outbox_file_name(std::chrono::system_clock::time_point(1796329723123ms), "0f1e2d3c4b5a6978");
    CHECK(name == "20261203T202843.123Z-0f1e2d3c4b5a6978.eml");
    CHECK(is_outbox_file_name(name));
    CHECK(outbox_file_name(std::chrono::system_clock::time_point(1796329724000ms), "0000000000000000") > name);
    for (const char* bad :
         {"", "../20261203T202843.123Z-0f1e2d3c4b5a6978.eml", "20261203T202843.123Z-0f1e2d3c4b5a6978",
          ".tmp-20261203T202843.123Z-0f1e2d3c4b5a6978.eml", "20261203T202843.123Z-0F1E2D3C4B5A6978.eml",
          "20261203T202843.123Z-0f1e2d3c4b5a697/.eml", "20261203T202843.123Z-0f1e2d3c4b5a6978.emlx",
          "x0261203T202843.123Z-0f1e2d3c4b5a6978.eml"}) {
        INFO(bad);
        CHECK_FALSE(is_outbox_file_name(bad));
    }
}
