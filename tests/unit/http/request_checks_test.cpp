#include "http/request_checks.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;

namespace {
beast_http::request_header<> header_with(std::initializer_list<std::pair<const char*, const char*>> fields) {
    beast_http::request_header<> h;
    h.method(beast_http::verb::post);
    h.target("/api/profile");
    for (const auto& [name, value] : fields) h.insert(name, value);
    return h;
}
}  // namespace

TEST_CASE("framing_problem: ordinary requests pass") {
    CHECK_FALSE(framing_problem(header_with({})));
    CHECK_FALSE(framing_problem(header_with({{"Content-Length", "12"}})));
    CHECK_FALSE(framing_problem(header_with({{"Transfer-Encoding", "chunked"}})));
    CHECK_FALSE(framing_problem(header_with({{"Transfer-Encoding", " Chunked "}})));
}

TEST_CASE("framing_problem: Content-Length with Transfer-Encoding is refused") {
    CHECK(framing_problem(header_with({{"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}})));
}

TEST_CASE("framing_problem: transfer codings other than a lone chunked are refused") {
    CHECK(framing_problem(header_with({{"Transfer-Encoding", "gzip, chunked"}})));
    CHECK(framing_problem(header_with({{"Transfer-Encoding", "identity"}})));
    CHECK(framing_problem(header_with({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})));
    CHECK(framing_problem(header_with({{"Transfer-Encoding", "xchunked"}})));
}
