#include "api/account_state.hpp"

#include "api/store_unavailable.hpp"
#include "http/responses.hpp"
#include "profiledesk/core/api_errors.hpp"

namespace profiledesk::api {

namespace beast_http = boost::beast::http;

account_state account_state_of(const mgmt::mgmt_result& r) {
    if (r.error == mgmt::mgmt_error::not_found) return account_state::deleted;
    if (!r.ok() || !r.body.is_object()) return account_state::active;
    const auto blocked = r.body.find("blocked");
    return blocked != r.body.end() && blocked->is_boolean() && blocked->get<bool>() ? account_state::blocked
                                                                                    : account_state::active;
}

void end_account(auth_context& ctx, const std::string& sub, account_state account, const log::request_id& request,
                 std::function<void(http::response)> then) {
    const bool blocked = account == account_state::blocked;
    const auto clear_cookie = clear_session_cookie(ctx);
    ctx.sessions->erase_user(sub, [blocked, clear_cookie, request, then](state::outcome<std::size_t> ended) {
        if (!ended.available()) return then(store_unavailable());
        log::info(request, "sessions: the provider says an account is gone: ended its sessions",
                  {{"account", log::text(blocked ? "blocked" : "deleted")}, {"ended", *ended.value}});
        auto res = http::error_response(beast_http::status::unauthorized,
                                        blocked ? core::api_error::account_blocked : core::api_error::account_deleted,
                                        blocked ? "Your account has been blocked, so you have been signed out. "
                                                  "Contact your administrator if you think this is a mistake."
                                                : "Your account no longer exists, so you have been signed out.");
        res.insert(beast_http::field::set_cookie, clear_cookie);
        then(std::move(res));
    });
}

}  // namespace profiledesk::api
