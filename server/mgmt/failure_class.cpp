#include "mgmt/failure_class.hpp"

#include "upstream/http_client.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

namespace profiledesk::mgmt {

namespace net = boost::asio;

failure_class classify_failure(boost::system::error_code ec) {
    if (ec == boost::beast::error::timeout) return {mgmt_error::timeout, false, true};
    if (ec == net::error::connection_refused || ec == net::error::host_not_found ||
        ec == net::error::host_not_found_try_again || ec == net::error::network_unreachable ||
        ec == net::error::host_unreachable || ec == net::error::network_down) {
        return {mgmt_error::network, true, true};
    }
    if (ec == upstream::client_error::response_too_large) return {mgmt_error::bad_response, false, false};
    if (ec == upstream::client_error::bad_url) return {mgmt_error::network, true, false};
    if (ec == net::error::operation_aborted) return {mgmt_error::network, false, false};
    // OpenSSL's own errors: the handshake or the certificate check failed.
    // (stream_truncated, a TLS peer closing without close_notify, is in the
    // stream category and stays transient, like any other cut connection.)
    if (ec.category() == net::error::get_ssl_category()) return {mgmt_error::network, false, false};
    return {mgmt_error::network, false, true};
}

}  // namespace profiledesk::mgmt
