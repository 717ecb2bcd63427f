#include "log/log.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace pdlog = profiledesk::log;  // ::log is the C library's logarithm
using nlohmann::json;

namespace {

// 2026-12-03T16:40:00.123Z
constexpr std::int64_t noon_ms = 1796316000123;

std::string line_of(pdlog::format f, std::string_view request_id, pdlog::message m, pdlog::fields fs = {},
                    pdlog::level l = pdlog::level::info) {
    std::string out;
    pdlog::format_line(out, f, noon_ms, l, request_id, m, fs);
    return out;
}

json json_of(std::string_view request_id, pdlog::message m, pdlog::fields fs = {}) {
    const auto line = line_of(pdlog::format::json, request_id, m, fs);
    REQUIRE(line.back() == '\n');
    REQUIRE(line.find('\n') == line.size() - 1);  // one line
    return json::parse(line);
}

}  // namespace

TEST_CASE("log: a JSON line has time, level, msg, the request id and typed fields") {
    const auto j = json_of("5f0c1d", "mgmt: rate limited, waiting for the reset",
                           {{"delay_ms", 120},
                            {"ok", false},
                            {"ratio", 0.5},
                            {"calls", std::size_t{3}},
                            {"error", pdlog::text("timeout")},
                            {"method", "GET"},
                            {"negative", -7}});
    CHECK(j["time"] == "2026-12-03T16:40:00.123Z");
    CHECK(j["level"] == "info");
    CHECK(j["msg"] == "mgmt: rate limited, waiting for the reset");
    CHECK(j["request_id"] == "5f0c1d");
    CHECK(j["delay_ms"] == 120);
    CHECK(j["ok"] == false);
    CHECK(j["ratio"] == 0.5);
    CHECK(j["calls"] == 3);
    CHECK(j["error"] == "timeout");
    CHECK(j["method"] == "GET");
    CHECK(j["negative"] == -7);
    SECTION("no request, no request_id") {
        CHECK_FALSE(json_of("", "oidc: provider discovered").contains("request_id"));
    }
}

TEST_CASE("log: whatever a text field holds, the line stays one valid JSON object") {
    const std::string nasty = std::string("a\"b\\c\nd\re\tf") + '\0' + "\x01\x7f end";
    const auto j = json_of("", "http: handler failed", {{"error", pdlog::text(nasty)}});
    CHECK(j["error"] == nasty);
    SECTION("bytes that are not UTF-8 become '?'") {
        CHECK(json_of("", "x", {{"error", pdlog::text("caf\xC3")}})["error"] == "caf?");
        CHECK(json_of("", "x", {{"error", pdlog::text("\xFF\xFEok")}})["error"] == "??ok");
    }
    SECTION("UTF-8 passes as it is") { CHECK(json_of("", "x", {{"error", pdlog::text("Grüße")}})["error"] == "Grüße"); }
    SECTION("non-finite numbers are null") { CHECK(json_of("", "x", {{"v", 1.0 / 0.0}})["v"].is_null()); }
}

TEST_CASE("log: text values are cut at max_text_bytes, never inside a UTF-8 sequence") {
    const std::string long_ascii(1000, 'a');
    CHECK(json_of("", "x", {{"e", pdlog::text(long_ascii)}})["e"].get<std::string>().size() == pdlog::max_text_bytes);
    std::string accents;
    while (accents.size() < 1000) accents += "\xC3\xA9";  // é
    const auto cut = json_of("", "x", {{"e", pdlog::text("a" + accents)}})["e"].get<std::string>();
    CHECK(cut.size() <= pdlog::max_text_bytes);
    CHECK(cut.size() % 2 == 1);  // "a" then whole é's
}

TEST_CASE("log: the text format is one readable line") {
    const auto line = line_of(pdlog::format::text, "5f0c1d", "request",
                              {{"method", "GET"}, {"path", pdlog::text("/a b")}, {"status", 200}}, pdlog::level::warn);
    CHECK(line == "2026-12-03T16:40:00.123Z warn  request request_id=5f0c1d method=GET path=\"/a b\" status=200\n");
    CHECK(line_of(pdlog::format::text, "", "x", {{"e", pdlog::text("one\ntwo")}}) ==
          "2026-12-03T16:40:00.123Z info  x e=\"one\\ntwo\"\n");
    CHECK(line_of(pdlog::format::text, "", "x", {{"e", pdlog::text("")}}) ==
          "2026-12-03T16:40:00.123Z info  x e=\"\"\n");
}

TEST_CASE("log: LOG_LEVEL and LOG_FORMAT values") {
    CHECK(pdlog::parse_level("debug") == pdlog::level::debug);
    CHECK(pdlog::parse_level("info") == pdlog::level::info);
    CHECK(pdlog::parse_level("warn") == pdlog::level::warn);
    CHECK(pdlog::parse_level("error") == pdlog::level::error);
    CHECK_FALSE(pdlog::parse_level("INFO"));
    CHECK_FALSE(pdlog::parse_level("warning"));
    CHECK(pdlog::parse_format("json") == pdlog::format::json);
    CHECK(pdlog::parse_format("text") == pdlog::format::text);
    CHECK_FALSE(pdlog::parse_format("logfmt"));
}

TEST_CASE("log: lines below the configured level are not written") {
    pdlog::configure(pdlog::level::warn, pdlog::format::json);
    CHECK_FALSE(pdlog::enabled(pdlog::level::debug));
    CHECK_FALSE(pdlog::enabled(pdlog::level::info));
    CHECK(pdlog::enabled(pdlog::level::warn));
    CHECK(pdlog::enabled(pdlog::level::error));
    pdlog::configure(pdlog::level::info, pdlog::default_format());
}

TEST_CASE("log: a request id is a small value, cut at max_size") {
    CHECK(pdlog::request_id().empty());
    CHECK(pdlog::request_id("abc").view() == "abc");
    CHECK(pdlog::request_id(std::string(100, 'x')).view().size() == pdlog::request_id::max_size);
}

// What must not compile (kept here as documentation; uncomment to see the errors):
//   std::string email = "ada@example.com";
//   pdlog::info(email);                          // a message is a string literal
//   pdlog::info("x", {{"email", email}});        // a runtime string needs pdlog::text(...)
//   const char* p = "x"; pdlog::info("x", {{"p", p}});  // nor does a pointer become a bool
