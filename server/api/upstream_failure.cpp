#include "api/upstream_failure.hpp"

#include "api/store_unavailable.hpp"
#include "http/responses.hpp"
#include "profiledesk/core/api_errors.hpp"

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;

namespace {

http::response error(status s, std::string_view code, std::string_view message) {
    return http::error_response(s, code, message, 11);
}

}  // namespace

void answer(const http::responder& respond, http::response res, int upstream_calls) {
    res.set(http::upstream_calls_field, std::to_string(upstream_calls));
    respond(std::move(res));
}

http::response unusable_record() {
    return error(status::bad_gateway, core::api_error::upstream_bad_response,
                 "The identity provider sent a user record we cannot read.");
}

http::response upstream_failure(const mgmt::mgmt_result& r) {
    using mgmt::mgmt_error;
    switch (r.error) {
        case mgmt_error::not_found:
            return error(status::not_found, core::api_error::user_not_found,
                         "Your user record was not found at the identity provider.");
        case mgmt_error::rate_limited:
        case mgmt_error::circuit_open: {
            const bool limited = r.error == mgmt_error::rate_limited;
            auto res = error(status::service_unavailable,
                             limited ? core::api_error::upstream_rate_limited : core::api_error::upstream_unavailable,
                             limited ? "The identity provider is busy. Please try again in a moment."
                                     : "The identity provider is unavailable. Please try again in a moment.");
            res.set(beast_http::field::retry_after, std::to_string(std::max<long long>(1, r.retry_after.count())));
            return res;
        }
        case mgmt_error::timeout:
            return error(status::gateway_timeout, core::api_error::upstream_timeout,
                         "The identity provider did not answer in time.");
        case mgmt_error::bad_request:
            return error(status::bad_gateway, core::api_error::upstream_rejected,
                         "The identity provider refused the change: " + r.message);
        case mgmt_error::bad_response: return unusable_record();
        case mgmt_error::store_unavailable: return store_unavailable();
        case mgmt_error::unauthorized:
        case mgmt_error::forbidden:
            return error(status::bad_gateway, core::api_error::upstream_auth_failed,
                         "Profile Desk is not allowed to use the identity provider's Management API.");
        default:
            return error(status::service_unavailable, core::api_error::upstream_unavailable,
                         "The identity provider is unavailable. Please try again in a moment.");
    }
}

}  // namespace profiledesk::api
