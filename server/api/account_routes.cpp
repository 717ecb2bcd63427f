#include "api/account_routes.hpp"

#include "api/account_export.hpp"
#include "api/account_state.hpp"
#include "api/reauthentication.hpp"
#include "api/session_routes.hpp"
#include "api/store_unavailable.hpp"
#include "api/upstream_failure.hpp"
#include "auth/csrf.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "metrics/server_metrics.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/email_confirmation.hpp"
#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/utf8.hpp"

#include <cmath>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;
using nlohmann::json;
using clock = std::chrono::steady_clock;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

http::response error(status s, std::string_view code, std::string_view message) {
    return http::error_response(s, code, message);
}

http::response unauthenticated() {
    return error(status::unauthorized, core::api_error::unauthenticated, "Please sign in.");
}

// The `confirm` of {"confirm": "..."}; nullopt for any other body.
std::optional<std::string> confirmation_of(const http::request& req) {
    if (!core::is_valid_utf8(req.body())) return std::nullopt;
    const auto body = json::parse(req.body(), nullptr, false);
    if (!body.is_object() || body.size() != 1) return std::nullopt;
    const auto it = body.find("confirm");
    if (it == body.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

// After every check: the account goes at the provider, then every session
// here. A user already gone at the provider counts as deleted.
void delete_account(const std::shared_ptr<account_context>& ctx, const std::string& sub, const log::request_id& rid,
                    int calls_so_far, const http::responder& respond) {
    ctx->users->delete_user(sub, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result r) {
        const int calls = calls_so_far + r.upstream_calls;
        if (!r.ok() && r.error != mgmt::mgmt_error::not_found) {
            log::error(rid, "account: the provider did not delete the account",
                       {{"error", log::text(mgmt::to_string(r.error))}, {"status", r.status}});
            return answer(respond, upstream_failure(r), calls);
        }
        ctx->auth->sessions->erase_user(sub, [=](state::outcome<std::size_t> ended) {
            // The account is gone either way: a session the store could not end
            // now ends at its next request, when the provider says so (account_state.hpp).
            if (!ended.available()) log::warn(rid, "account: deleted; sessions not ended now: store unavailable");
            log::info(rid, "account: a user deleted their account",
                      {{"sessions_ended", ended.available() ? *ended.value : 0}});
            const auto m = ctx->auth->oidc->metadata();
            auto res = http::json_response(
                status::ok,
                {{"deleted", true},
                 {"logoutUrl", m ? ctx->auth->oidc->logout_url(*m, ctx->auth->base_url + "/") : std::string("/")}});
            res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx->auth));
            answer(respond, std::move(res), calls);
        });
    });
}

void handle_delete(const std::shared_ptr<account_context>& ctx, const http::request& req,
                   const http::responder& respond, const std::optional<auth::session>& s) {
    if (!s) return respond(unauthenticated());
    const auto csrf = auth::check_state_changing_request(req, s->csrf_token, ctx->auth->origin);
    if (csrf == auth::csrf_failure::bad_content_type) {
        return respond(error(status::unsupported_media_type, core::api_error::unsupported_media_type,
                             "Send the request as application/json."));
    }
    if (csrf != auth::csrf_failure::none) {
        log::warn(http::request_id_of(req), "account: csrf refused", {{"check", log::text(auth::to_string(csrf))}});
        return respond(error(status::forbidden, core::api_error::csrf_failed, auth::csrf_failure_message(csrf)));
    }
    if (!ctx->allow_deletion) {
        return respond(error(status::forbidden, core::api_error::account_deletion_disabled,
                             "Accounts cannot be deleted here. Contact your administrator to delete yours."));
    }
    const auto confirm = confirmation_of(req);
    if (!confirm) {
        return respond(
            error(status::bad_request, core::api_error::bad_request, "Send {\"confirm\": \"<your email address>\"}."));
    }
    const auto sub = s->user.sub;
    const auto session = *s;
    const auto rid = http::request_id_of(req);
    // The email as the provider holds it now, not as the session remembers it.
    ctx->users->invalidate(sub);
    ctx->users->get_user(sub, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result r) {
        if (const auto state = account_state_of(r); state != account_state::active) {
            return end_account(*ctx->auth, sub, state, rid, [respond, calls = r.upstream_calls](http::response res) {
                answer(respond, std::move(res), calls);
            });
        }
        if (!r.ok()) return answer(respond, upstream_failure(r), r.upstream_calls);
        // Typed first: a mistyped address is told before the user signs in again.
        if (!core::confirms_email(*confirm, core::string_member(r.body, core::root_key::email))) {
            return answer(respond,
                          error(status::bad_request, core::api_error::confirmation_mismatch,
                                "That is not your account's email address. Type it exactly to delete your account."),
                          r.upstream_calls);
        }
        if (auto stale = require_recent_sign_in(session, core::reauth::action::delete_account, unix_now())) {
            return answer(respond, std::move(*stale), r.upstream_calls);
        }
        delete_account(ctx, sub, rid, r.upstream_calls, respond);
    });
}

// A top-level navigation from another site carries our SameSite=Lax cookie:
// it could not read the file, but it would spend the user's budget. Browsers
// say where a request comes from (Fetch Metadata); "none" is the user's own
// address bar or a bookmark.
bool from_elsewhere(const http::request& req) {
    const auto site = req["Sec-Fetch-Site"];
    return !site.empty() && site != "same-origin" && site != "none";
}

void answer_export(const std::shared_ptr<account_context>& ctx, const json& record, const std::string& current_handle,
                   int calls, const http::responder& respond) {
    const auto sub = core::string_member(record, "user_id");
    ctx->auth->sessions->list_user(
        sub, std::chrono::system_clock::now(), [=](state::outcome<std::vector<auth::session_listing>> listed) {
            if (!listed.available()) return answer(respond, store_unavailable(), calls);
            const auto sessions = sessions_view_of(std::move(*listed.value), current_handle);
            const auto send = [=](std::optional<core::pending_email_view> pending) {
                const auto now = unix_now();
                const auto body = account_export(record, ctx->export_app_metadata, sessions, pending, now);
                auto res = http::json_response(status::ok, body);
                // Indented: a person opens this file.
                res.body() = body.dump(2, ' ', false, json::error_handler_t::replace);
                res.set(beast_http::field::content_disposition,
                        "attachment; filename=\"" + export_filename(now) + "\"");
                res.set(beast_http::field::cache_control, "no-store");
                res.prepare_payload();
                answer(respond, std::move(res), calls);
            };
            if (!ctx->pending_email) return send(std::nullopt);
            ctx->pending_email(sub, [=](state::outcome<std::optional<core::pending_email_view>> pending) {
                if (!pending.available()) return answer(respond, store_unavailable(), calls);
                send(*pending.value);
            });
        });
}

void export_now(const std::shared_ptr<account_context>& ctx, const auth::session& s, const log::request_id& rid,
                const http::responder& respond) {
    const auto sub = s.user.sub;
    ctx->users->get_user(sub, clock::now() + ctx->deadline, rid, [=, handle = s.handle](mgmt::mgmt_result r) {
        if (const auto state = account_state_of(r); state != account_state::active) {
            return end_account(*ctx->auth, sub, state, rid, [respond, calls = r.upstream_calls](http::response res) {
                answer(respond, std::move(res), calls);
            });
        }
        if (!r.ok()) return answer(respond, upstream_failure(r), r.upstream_calls);
        if (!r.body.is_object() || core::string_member(r.body, "user_id") != sub) {
            return answer(respond, unusable_record(), r.upstream_calls);
        }
        log::info(rid, "account: a user exported their data");
        answer_export(ctx, r.body, handle, r.upstream_calls, respond);
    });
}

void handle_export(const std::shared_ptr<account_context>& ctx, const http::request& req,
                   const http::responder& respond, const std::optional<auth::session>& s) {
    if (!s) return respond(unauthenticated());
    const auto rid = http::request_id_of(req);
    if (from_elsewhere(req)) {
        log::warn(rid, "account: export refused", {{"check", "cross_site"}});
        return respond(error(status::forbidden, core::api_error::csrf_failed,
                             auth::csrf_failure_message(auth::csrf_failure::cross_origin)));
    }
    if (!ctx->export_budget) return export_now(ctx, *s, rid, respond);
    ctx->export_budget->take(s->user.sub, [=, session = *s](state::outcome<http::budget_verdict> verdict) {
        if (!verdict.available()) return respond(store_unavailable());
        if (!verdict.value->granted) {
            const auto seconds = static_cast<unsigned>(std::max(1.0, std::ceil(verdict.value->retry_after)));
            auto res = error(status::too_many_requests, core::api_error::too_many_exports,
                             "You downloaded your data several times recently. Please try again in " +
                                 std::to_string((seconds + 59) / 60) + " minutes.");
            res.set(beast_http::field::retry_after, std::to_string(seconds));
            return respond(std::move(res));
        }
        export_now(ctx, session, rid, respond);
    });
}

}  // namespace

void add_account_routes(http::router& routes, std::shared_ptr<account_context> ctx) {
    routes.add(beast_http::verb::delete_, "/api/account",
               with_session(ctx->auth, [ctx](http::request&& req, http::responder respond,
                                             std::optional<auth::session> s) { handle_delete(ctx, req, respond, s); }));
    routes.add(beast_http::verb::get, "/api/account/export",
               with_session(ctx->auth, [ctx](http::request&& req, http::responder respond,
                                             std::optional<auth::session> s) { handle_export(ctx, req, respond, s); }));
}

}  // namespace profiledesk::api
