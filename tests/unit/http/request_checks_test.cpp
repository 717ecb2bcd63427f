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

namespace {
// Feeds `bytes` to a fresh scan, `step` bytes at a time, as a slow peer would.
header_scan::verdict scan_in_steps(std::string_view bytes, std::size_t step) {
    header_scan scan;
    auto verdict = header_scan::verdict::incomplete;
    for (std::size_t n = step; verdict == header_scan::verdict::incomplete; n += step) {
        verdict = scan.scan(bytes.substr(0, std::min(n, bytes.size())));
        if (n >= bytes.size()) break;
    }
    return verdict;
}
}  // namespace

TEST_CASE("header_scan: an ordinary header is complete at its empty line, however it arrives") {
    const std::string_view request = "GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nbody";
    for (const std::size_t step : {1, 2, 7, 1000}) {
        header_scan scan;
        auto verdict = header_scan::verdict::incomplete;
        for (std::size_t n = step; verdict == header_scan::verdict::incomplete && n < request.size() + step;
             n += step) {
            verdict = scan.scan(request.substr(0, std::min(n, request.size())));
        }
        CHECK(verdict == header_scan::verdict::complete);
        CHECK(scan.size() == request.size() - 4);
    }
    SECTION("until then it is incomplete") {
        header_scan scan;
        CHECK(scan.scan("GET / HTTP/1.1\r\nHost: x\r\n") == header_scan::verdict::incomplete);
        CHECK(scan.scan("GET / HTTP/1.1\r\nHost: x\r\n\r") == header_scan::verdict::incomplete);
    }
    SECTION("empty lines before the request line are not its end (RFC 9112 2.2)") {
        header_scan scan;
        CHECK(scan.scan("\r\n\r\nGET / HTTP/1.1\r\n\r\n") == header_scan::verdict::complete);
        CHECK(scan.size() == 22);
    }
}

TEST_CASE("header_scan: obs-fold anywhere after the request line is refused") {
    for (const std::size_t step : {1, 3, 1000}) {
        CAPTURE(step);
        CHECK(scan_in_steps("POST / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked\r\n\r\n", step) ==
              header_scan::verdict::obs_fold);
        CHECK(scan_in_steps("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n", step) ==
              header_scan::verdict::obs_fold);
        // Whitespace between the request line and the first field (RFC 9112 2.2).
        CHECK(scan_in_steps("GET / HTTP/1.1\r\n Host: x\r\n\r\n", step) == header_scan::verdict::obs_fold);
    }
    SECTION("spaces inside a line are not folds") {
        CHECK(scan_in_steps("GET / HTTP/1.1\r\nX-A:  a b\t\r\n\r\n", 1) == header_scan::verdict::complete);
    }
}

TEST_CASE("header_scan: a bare LF line ending is refused") {
    CHECK(scan_in_steps("GET / HTTP/1.1\nHost: x\n\n", 1) == header_scan::verdict::bare_lf);
    CHECK(scan_in_steps("GET / HTTP/1.1\r\nHost: x\n\r\n", 1) == header_scan::verdict::bare_lf);
    CHECK(scan_in_steps("\nGET / HTTP/1.1\r\n\r\n", 1) == header_scan::verdict::bare_lf);
}
