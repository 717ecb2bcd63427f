// Which transport errors allow another attempt, and which prove a write was never sent.
#include "mgmt/failure_class.hpp"

#include "upstream/http_client.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <catch2/catch.hpp>

#include <openssl/ssl.h>

using namespace profiledesk;
using namespace profiledesk::mgmt;
namespace net = boost::asio;

TEST_CASE("failure_class: a timeout is `timeout`, and a read may try again") {
    const auto c = classify_failure(boost::beast::error::timeout);
    CHECK(c.error == mgmt_error::timeout);
    CHECK(c.transient);
    CHECK_FALSE(c.not_sent);
}

TEST_CASE("failure_class: refused connections and unknown hosts were never sent (a PATCH may retry)") {
    for (const auto ec :
         {make_error_code(net::error::connection_refused), make_error_code(net::error::host_not_found),
          make_error_code(net::error::host_unreachable), make_error_code(net::error::network_unreachable)}) {
        INFO(ec.message());
        const auto c = classify_failure(ec);
        CHECK(c.error == mgmt_error::network);
        CHECK(c.not_sent);
        CHECK(c.transient);
    }
}

TEST_CASE("failure_class: resets and cut answers may follow a sent request (reads only)") {
    for (const auto ec : {make_error_code(net::error::connection_reset), make_error_code(net::error::eof),
                          make_error_code(net::error::broken_pipe),
                          boost::system::error_code(boost::beast::http::error::partial_message),
                          boost::system::error_code(net::ssl::error::stream_truncated)}) {
        INFO(ec.message());
        const auto c = classify_failure(ec);
        CHECK(c.error == mgmt_error::network);
        CHECK_FALSE(c.not_sent);
        CHECK(c.transient);
    }
}

TEST_CASE("failure_class: TLS failures (a certificate that does not verify) are not retried") {
    const boost::system::error_code ec(SSL_R_CERTIFICATE_VERIFY_FAILED, net::error::get_ssl_category());
    const auto c = classify_failure(ec);
    CHECK(c.error == mgmt_error::network);
    CHECK_FALSE(c.transient);
}

TEST_CASE("failure_class: an oversized answer is a bad response, not retried") {
    const auto c = classify_failure(upstream::client_error::response_too_large);
    CHECK(c.error == mgmt_error::bad_response);
    CHECK_FALSE(c.transient);
}
