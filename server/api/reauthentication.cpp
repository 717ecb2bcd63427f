#include "api/reauthentication.hpp"

#include "http/responses.hpp"

#include "profiledesk/core/api_errors.hpp"

namespace profiledesk::api {

std::optional<http::response> require_recent_sign_in(const auth::session& s, core::reauth::action action,
                                                     std::int64_t now, unsigned version) {
    if (core::reauth::is_recent(s.auth_time, now)) return std::nullopt;
    return http::error_response(http::beast_http::status::unauthorized, core::api_error::reauthentication_required,
                                "For your security, sign in again to do this.", version,
                                {{std::string(core::reauth::url_key), core::reauth::url(action)}});
}

}  // namespace profiledesk::api
