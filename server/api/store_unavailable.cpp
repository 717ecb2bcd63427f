#include "api/store_unavailable.hpp"

#include "http/responses.hpp"
#include "profiledesk/core/api_errors.hpp"

#include <string>

namespace profiledesk::api {

http::response store_unavailable(unsigned version) {
    auto res = http::error_response(http::beast_http::status::service_unavailable,
                                    core::api_error::session_store_unavailable,
                                    "Sessions are briefly unavailable. Please try again in a moment.", version);
    res.set(http::beast_http::field::retry_after, std::to_string(store_retry_after_seconds));
    return res;
}

}  // namespace profiledesk::api
