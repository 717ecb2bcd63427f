#include "api/password_routes.hpp"

#include "api/account_state.hpp"
#include "api/reauthentication.hpp"
#include "api/store_unavailable.hpp"
#include "api/upstream_failure.hpp"
#include "auth/cookies.hpp"
#include "auth/csrf.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/password_policy.hpp"
#include "profiledesk/core/profile.hpp"
#include "profiledesk/core/utf8.hpp"

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;
using nlohmann::json;

namespace {

using clock = std::chrono::steady_clock;

http::response error(status s, std::string_view code, std::string_view message, const json& details = nullptr) {
    return http::error_response(s, code, message, 11, details);
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

http::response too_weak(const std::vector<core::password_rule>& unmet) {
    json ids = json::array();
    for (const auto& rule : unmet) ids.push_back(rule.id);
    return error(status::bad_request, core::api_error::password_too_weak,
                 "This password does not meet the rules for your account.",
                 {{std::string(unmet_rules_key), std::move(ids)}});
}

// Auth0 answers a password its connection's policy refuses with 400
// "PasswordStrengthError: Password is too weak".
bool tenant_says_too_weak(const mgmt::mgmt_result& r) {
    return r.error == mgmt::mgmt_error::bad_request && r.message.rfind("PasswordStrengthError", 0) == 0;
}

mail::message password_notice(const std::string& to) {
    mail::message m;
    m.to = to;
    m.subject = "Your Profile Desk password was changed";
    m.text =
        "The password of your account was just changed in Profile Desk, and every other browser and device "
        "signed in to Profile Desk was signed out.\n\n"
        "If you did this, there is nothing more to do.\n\n"
        "If you did not, someone else may have access to your account: reset your password from the sign-in "
        "page (\"Forgot password?\") now, and contact your administrator.\n";
    return m;
}

// Tells the user, off the answer's path: the change stands whatever happens.
void send_notice(const password_context& ctx, const std::string& to, const log::request_id& rid) {
    if (to.empty()) return log::warn(rid, "password: no address to send the notice to");
    if (!ctx.mailer || !ctx.mailer->configured()) return log::warn(rid, "password: mail is off, notice not sent");
    ctx.mailer->send(password_notice(to), ctx.notice_deadline, [rid](mail::send_result sent) {
        if (sent == mail::send_result::failed) log::warn(rid, "password: the change notice could not be sent");
    });
}

// The tenant took the password. The user is told first (the change stands
// whatever follows). Then, as "sign out everywhere" does, the time is marked
// (sign_out_marks.hpp) so no other browser gets back in through the
// provider's older single sign-on without the new password, a pending email
// change (perhaps started by whoever knew the old password) is dropped, every
// session of the user ends, and this browser gets a new one.
void finish_change(const std::shared_ptr<password_context>& ctx, const auth::session& s, std::string notify,
                   const log::request_id& rid, const http::responder& respond) {
    send_notice(*ctx, notify, rid);
    // The password changed: say so even if what follows fails, with 503 so
    // the app asks again (signing out everywhere then works).
    const auto changed_but = [rid, respond](log::message what) {
        log::error(rid, what);
        respond(error(status::service_unavailable, core::api_error::session_store_unavailable,
                      "Your password was changed, but your other sessions could not all be ended. "
                      "Use Sign out everywhere."));
    };
    const auto end_sessions = [ctx, s, rid, respond, changed_but] {
        auto& auth = *ctx->profile->auth;
        auth.sessions->erase_user(s.user.sub, [ctx, s, rid, respond, changed_but](state::outcome<std::size_t> ended) {
            if (!ended.available()) return changed_but("password: changed, but the sessions could not be ended");
            auto& auth = *ctx->profile->auth;
            auth.sessions->create(
                s.user, s.auth_time, s.origin, std::chrono::system_clock::now(),
                [ctx, ended = *ended.value, rid, respond](state::outcome<auth::session> fresh) {
                    log::info(rid, "password: changed, sessions ended", {{"ended", ended}});
                    if (!fresh.available()) {
                        auto res = error(status::service_unavailable, core::api_error::session_store_unavailable,
                                         "Your password was changed. Please sign in again.");
                        res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx->profile->auth));
                        return respond(std::move(res));
                    }
                    auto res = http::json_response(status::ok, {{"csrfToken", fresh.value->csrf_token}});
                    res.insert(beast_http::field::set_cookie, session_cookie(*ctx->profile->auth, fresh.value->id));
                    respond(std::move(res));
                });
        });
    };
    auto& auth = *ctx->profile->auth;
    auth.sign_out_marks->mark(
        s.user.sub, unix_now(), [ctx, s, end_sessions, changed_but](state::outcome<state::done> marked) {
            if (!marked.available()) return changed_but("password: changed, but the sign-out time could not be kept");
            if (!ctx->profile->pending_changes) return end_sessions();
            ctx->profile->pending_changes->drop(
                s.user.sub, [end_sessions, changed_but](state::outcome<state::done> dropped) {
                    if (!dropped.available()) {
                        return changed_but("password: changed, but the pending email change could not be dropped");
                    }
                    end_sessions();
                });
        });
}

// What the password change sends once the user may make it: core's check of
// the connection's policy, then the tenant.
struct password_change {
    auth::session session;
    std::string password;    // never logged
    std::string connection;  // the identity's connection name (Auth0 wants it with a password)
    std::string notify;      // where the notice goes: the record's email
    clock::time_point deadline;
};

void send_password(const std::shared_ptr<password_context>& ctx, const password_change& change,
                   const core::password_policy& policy, const log::request_id& rid, const http::responder& respond) {
    if (const auto unmet = core::unmet_password_rules(policy, change.password); !unmet.empty()) {
        return respond(too_weak(unmet));
    }
    const json patch = {{"password", change.password}, {"connection", change.connection}};
    ctx->profile->users->patch_user(
        change.session.user.sub, patch, change.deadline, rid,
        [ctx, s = change.session, notify = change.notify, rid, respond](mgmt::mgmt_result written) {
            if (tenant_says_too_weak(written)) return respond(too_weak({}));
            if (!written.ok()) return respond(upstream_failure(written));
            finish_change(ctx, s, notify, rid, respond);
        });
}

void change_password(const std::shared_ptr<password_context>& ctx, const auth::session& s, std::string password,
                     const log::request_id& rid, const http::responder& respond) {
    const auto& profile = *ctx->profile;
    const auto deadline = clock::now() + profile.deadline;
    profile.users->get_user(
        s.user.sub, deadline, rid,
        [ctx, s, password = std::move(password), deadline, rid, respond](mgmt::mgmt_result r) {
            auto& profile = *ctx->profile;
            if (const auto state = account_state_of(r); state != account_state::active) {
                return end_account(*profile.auth, s.user.sub, state, rid, respond);
            }
            if (!r.ok()) return respond(upstream_failure(r));
            std::optional<core::profile> p;
            try {
                p = core::profile_from_json(r.body);
            } catch (const core::invalid_profile&) {
                return respond(upstream_failure(r));
            }
            const auto connection = connection_of(*p, profile.edits);
            if (!core::can_write_email(connection)) {
                return respond(error(status::forbidden, core::api_error::account_change_not_allowed,
                                     "Your password belongs to your " + provider_label(connection) +
                                         " account: change it there."));
            }
            if (auto stale = require_recent_sign_in(s, core::reauth::action::password, unix_now())) {
                return respond(std::move(*stale));
            }
            password_change change{s, password, connection.name, p->email.value_or(s.user.email), deadline};
            // The connection's policy: the tenant's, or core's default when it cannot be read.
            if (!profile.policies) return send_password(ctx, change, {}, rid, respond);
            profile.policies->get(connection.name, deadline, rid,
                                  [ctx, change, rid, respond](core::password_policy policy) {
                                      send_password(ctx, change, policy, rid, respond);
                                  });
        });
}

void handle_change(const std::shared_ptr<password_context>& ctx, http::request&& req, const http::responder& respond,
                   const std::optional<auth::session>& s) {
    if (!s) return respond(error(status::unauthorized, core::api_error::unauthenticated, "Please sign in."));
    const auto csrf = auth::check_state_changing_request(req, s->csrf_token, ctx->profile->origin);
    if (csrf == auth::csrf_failure::bad_content_type) {
        return respond(error(status::unsupported_media_type, core::api_error::unsupported_media_type,
                             "Send the request as application/json."));
    }
    if (csrf != auth::csrf_failure::none) {
        log::warn(http::request_id_of(req), "password: csrf refused", {{"check", log::text(auth::to_string(csrf))}});
        return respond(error(status::forbidden, core::api_error::csrf_failed, auth::csrf_failure_message(csrf)));
    }
    if (!core::is_valid_utf8(req.body())) {
        return respond(error(status::bad_request, core::api_error::invalid_utf8, "The request is not valid UTF-8."));
    }
    const auto body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
        return respond(
            error(status::bad_request, core::api_error::invalid_json, "The request body is not valid JSON."));
    }
    if (!body.is_object() || body.size() != 1 || !body.contains("password") || !body["password"].is_string()) {
        return respond(
            error(status::bad_request, core::api_error::bad_request, "Send {\"password\": \"<new password>\"}."));
    }
    change_password(ctx, *s, body["password"].get<std::string>(), http::request_id_of(req), respond);
}

}  // namespace

void add_password_routes(http::router& routes, std::shared_ptr<password_context> ctx) {
    routes.add(beast_http::verb::post, "/api/account/password",
               with_session(ctx->profile->auth,
                            [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
                                handle_change(ctx, std::move(req), respond, s);
                            }));
}

}  // namespace profiledesk::api
