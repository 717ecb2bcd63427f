#include "api/email_change_routes.hpp"

#include "api/account_state.hpp"
#include "api/email_change_mail.hpp"
#include "api/reauthentication.hpp"
#include "api/store_unavailable.hpp"
#include "api/upstream_failure.hpp"
#include "auth/csrf.hpp"
#include "crypto/random.hpp"
#include "http/html_page.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/utf8.hpp"

#include <cmath>
#include <variant>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;
using nlohmann::json;

namespace {

using clock = std::chrono::steady_clock;

// Retry-After of a mail that could not be sent: the mailer tried until its
// deadline, so the next try is worth making after a short pause.
constexpr unsigned mail_retry_after_seconds = 30;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

http::response error(status s, std::string_view code, std::string_view message) {
    return http::error_response(s, code, message, 11);
}

http::response not_allowed() {
    return error(status::forbidden, core::api_error::account_change_not_allowed,
                 "Your email address is managed by your identity provider: change it there.");
}

http::response mail_unavailable() {
    auto res = error(status::service_unavailable, core::api_error::mail_unavailable,
                     "We could not send the email. Try again.");
    res.set(beast_http::field::retry_after, std::to_string(mail_retry_after_seconds));
    return res;
}

std::string lower_ascii(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

// The checks of a state-changing JSON request (session, CSRF): an answer
// when the request must stop here.
std::optional<http::response> check_write(const email_change_context& ctx, const http::request& req,
                                          const std::optional<auth::session>& s) {
    if (!s) return error(status::unauthorized, core::api_error::unauthenticated, "Please sign in.");
    const auto csrf = auth::check_state_changing_request(req, s->csrf_token, ctx.origin);
    if (csrf == auth::csrf_failure::none) return std::nullopt;
    if (csrf == auth::csrf_failure::bad_content_type) {
        return error(status::unsupported_media_type, core::api_error::unsupported_media_type,
                     "Send the request as application/json.");
    }
    log::warn(http::request_id_of(req), "email change: csrf refused", {{"check", log::text(auth::to_string(csrf))}});
    return error(status::forbidden, core::api_error::csrf_failed, auth::csrf_failure_message(csrf));
}

// {"email": "<address>"} and nothing else; the typed address, or an answer.
std::variant<std::string, http::response> typed_address(const http::request& req) {
    if (!core::is_valid_utf8(req.body())) {
        return error(status::bad_request, core::api_error::invalid_utf8, "The request is not valid UTF-8.");
    }
    const auto body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
        return error(status::bad_request, core::api_error::invalid_json, "The request body is not valid JSON.");
    }
    const std::string key(core::root_key::email);
    if (!body.is_object() || body.size() != 1 || !body.contains(key) || !body[key].is_string()) {
        return error(status::bad_request, core::api_error::bad_request, "Send {\"email\": \"<new address>\"}.");
    }
    return body[key].get<std::string>();
}

json pending_json(const pending_email& p) { return {{"address", p.address}, {"expiresAt", p.expires_at}}; }

// The last step of a start: the change is stored; the mail goes out, and
// the user hears how it went. A mail that failed takes its change back
// (when it is still the current one), so nothing pending can be applied.
void send_and_answer(const std::shared_ptr<email_change_context>& ctx, const std::string& sub, pending_email change,
                     mail::message m, const log::request_id& rid, const http::responder& respond) {
    ctx->mailer->send(std::move(m), ctx->mail_deadline, [=](mail::send_result sent) {
        if (sent == mail::send_result::sent) {
            log::info(rid, "email change: started", {{"notice_only", change.notice_only}});
            return answer(respond, http::json_response(status::accepted, {{"pendingEmail", pending_json(change)}}), 0);
        }
        log::warn(rid, "email change: the mail could not be sent; the change is dropped");
        ctx->pending->take(sub, change.id, unix_now(), [respond](state::outcome<std::optional<pending_email>>) {
            // Whether or not the store answered, nothing was mailed that could apply it.
            answer(respond, mail_unavailable(), 0);
        });
    });
}

// After the record: is the address free in the user's connection? Then store and mail.
void start_change(const std::shared_ptr<email_change_context>& ctx, const std::string& sub,
                  const std::string& connection, const std::string& address, int calls, const log::request_id& rid,
                  const http::responder& respond) {
    ctx->users->users_by_email(address, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result found) {
        const int total = calls + found.upstream_calls;
        if (!found.ok()) return answer(respond, upstream_failure(found), total);
        bool taken = false;
        const auto users = found.body.value("users", json::array());
        for (const auto& u : users) {
            if (!u.is_object() || u.value("user_id", "") == sub) continue;
            for (const auto& id : u.value("identities", json::array())) {
                if (id.is_object() && id.value("connection", "") == connection) taken = true;
            }
        }
        const auto now = unix_now();
        pending_email change{address, crypto::random_token(16), now + email_link_lifetime_seconds, taken};
        auto m = taken ? address_taken_mail(address, ctx->base_url + "/")
                       : email_link_mail(
                             address,
                             ctx->base_url + std::string(email_confirm_path) + "?token=" +
                                 seal_email_link({sub, address, change.id, change.expires_at}, *ctx->link_sealer),
                             change.expires_at);
        ctx->pending->put(sub, change, now, [=, m = std::move(m)](state::outcome<state::done> kept) mutable {
            if (!kept.available()) return answer(respond, store_unavailable(), total);
            send_and_answer(ctx, sub, change, std::move(m), rid, respond);
        });
    });
}

void handle_start(const std::shared_ptr<email_change_context>& ctx, http::request&& req, const http::responder& respond,
                  const std::optional<auth::session>& s) {
    if (auto refused = check_write(*ctx, req, s)) return answer(respond, std::move(*refused), 0);
    // The session's provider first: a social user's address is never ours to change.
    core::connection_info from_session;
    from_session.strategy = s->user.connection;  // the sub's provider part: "auth0" for a database user
    if (!core::can_write_email(from_session)) {
        return answer(respond, not_allowed(), 0);
    }
    auto typed = typed_address(req);
    if (auto* refused = std::get_if<http::response>(&typed)) return answer(respond, std::move(*refused), 0);
    const auto address = normalized_email(std::get<std::string>(typed));
    if (!address) {
        return answer(respond,
                      error(status::bad_request, core::api_error::invalid_email,
                            "That is not an email address. Check it and try again."),
                      0);
    }
    const auto same_address = error(status::bad_request, core::api_error::invalid_email,
                                    "That is already your email address.");
    if (*address == lower_ascii(s->user.email)) return answer(respond, same_address, 0);
    if (auto stale = require_recent_sign_in(*s, core::reauth::action::email, unix_now())) {
        return answer(respond, std::move(*stale), 0);
    }
    const auto rid = http::request_id_of(req);
    const auto sub = s->user.sub;
    const auto go = [=](int) {
        ctx->users->get_user(sub, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result r) {
            if (const auto state = account_state_of(r); state != account_state::active) {
                return end_account(*ctx->auth, sub, state, rid,
                                   [respond, calls = r.upstream_calls](http::response res) {
                                       answer(respond, std::move(res), calls);
                                   });
            }
            if (!r.ok()) return answer(respond, upstream_failure(r), r.upstream_calls);
            core::profile p;
            try {
                p = core::profile_from_json(r.body);
            } catch (const core::invalid_profile&) {
                return answer(respond, unusable_record(), r.upstream_calls);
            }
            const auto connection = connection_of(p, ctx->edits);
            if (!core::can_write_email(connection)) return answer(respond, not_allowed(), r.upstream_calls);
            if (*address == lower_ascii(p.email.value_or(""))) return answer(respond, same_address, r.upstream_calls);
            if (!ctx->mailer) {
                log::error(rid, "email change: no mailer is configured");
                return answer(respond, mail_unavailable(), r.upstream_calls);
            }
            start_change(ctx, sub, connection.name, *address, r.upstream_calls, rid, respond);
        });
    };
    if (!ctx->mail_budget) return go(0);
    ctx->mail_budget->take(sub, [=](state::outcome<http::budget_verdict> verdict) {
        if (!verdict.available()) return answer(respond, store_unavailable(), 0);
        if (!verdict.value->granted) {
            const auto seconds = static_cast<unsigned>(std::max(1.0, std::ceil(verdict.value->retry_after)));
            auto res = error(status::too_many_requests, core::api_error::too_many_emails,
                             "We sent you several emails already. Please wait " + std::to_string(seconds / 60 + 1) +
                                 " minutes, then try again.");
            res.set(beast_http::field::retry_after, std::to_string(seconds));
            return answer(respond, std::move(res), 0);
        }
        go(0);
    });
}

void handle_cancel(const std::shared_ptr<email_change_context>& ctx, http::request&& req,
                   const http::responder& respond, const std::optional<auth::session>& s) {
    if (auto refused = check_write(*ctx, req, s)) return answer(respond, std::move(*refused), 0);
    ctx->pending->drop(s->user.sub, [respond](state::outcome<state::done> dropped) {
        if (!dropped.available()) return answer(respond, store_unavailable(), 0);
        http::response res{status::no_content, 11};
        res.prepare_payload();
        answer(respond, std::move(res), 0);
    });
}

// The confirmation page's refusals: nothing changed, and why.
http::response refused_page(link_verdict v) {
    switch (v) {
        case link_verdict::expired:
            return http::html_page(status::bad_request, "This link has expired",
                                   "Links to confirm a new email address work for 24 hours. Nothing was changed: "
                                   "ask for a new link in Profile Desk.",
                                   "/", "Back to Profile Desk");
        case link_verdict::other_user:
            return http::html_page(status::forbidden, "This link is for another account",
                                   "You are signed in to a different account than the one this link was sent for. "
                                   "Nothing was changed: sign out, then sign in to that account and open the link "
                                   "again.",
                                   "/", "Back to Profile Desk");
        case link_verdict::not_pending:
            return http::html_page(status::bad_request, "This link no longer works",
                                   "It was used already, or replaced by a newer request, or the change was cancelled. "
                                   "Nothing was changed.",
                                   "/", "Back to Profile Desk");
        default:
            return http::html_page(status::bad_request, "This link is not valid",
                                   "The link is incomplete or was changed. Nothing was changed: open the link from "
                                   "the email again, or ask for a new one in Profile Desk.",
                                   "/", "Back to Profile Desk");
    }
}

http::response store_unavailable_page() {
    auto res = http::html_page(status::service_unavailable, "Please try again in a moment",
                               "Profile Desk is briefly unavailable. Nothing was changed: open the link again in a "
                               "moment.",
                               "/", "Back to Profile Desk");
    res.set(beast_http::field::retry_after, std::to_string(store_retry_after_seconds));
    return res;
}

http::response upstream_failure_page() {
    return http::html_page(status::bad_gateway, "Your email address was not changed",
                           "The identity provider did not accept the change. Nothing was changed: ask for a new "
                           "link in Profile Desk and try again.",
                           "/", "Back to Profile Desk");
}

// The link was consumed: write it upstream, refresh this session's claims,
// tell the old address, show the result.
void apply_change(const std::shared_ptr<email_change_context>& ctx, const auth::session& s, const pending_email& change,
                  const log::request_id& rid, const http::responder& respond) {
    const auto sub = s.user.sub;
    ctx->users->invalidate(sub);  // the connection and the old address as they are now
    ctx->users->get_user(sub, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result r) {
        if (!r.ok()) return answer(respond, upstream_failure_page(), r.upstream_calls);
        core::profile p;
        try {
            p = core::profile_from_json(r.body);
        } catch (const core::invalid_profile&) {
            return answer(respond, upstream_failure_page(), r.upstream_calls);
        }
        const auto connection = connection_of(p, ctx->edits);
        if (!core::can_write_email(connection)) return answer(respond, refused_page(link_verdict::not_pending), 0);
        const auto old_address = p.email.value_or("");
        // Auth0 wants the connection with an email change (docs/auth0.md#users-endpoints).
        const json patch = {{std::string(core::root_key::email), change.address},
                            {"email_verified", true},
                            {"connection", connection.name}};
        ctx->users->patch_user(sub, patch, clock::now() + ctx->deadline, rid, [=](mgmt::mgmt_result written) {
            const int calls = r.upstream_calls + written.upstream_calls;
            if (!written.ok()) {
                log::warn(rid, "email change: the provider refused the change",
                          {{"error", log::text(mgmt::to_string(written.error))}, {"status", written.status}});
                return answer(respond, upstream_failure_page(), calls);
            }
            log::info(rid, "email change: applied");
            if (!old_address.empty() && ctx->mailer) {
                ctx->mailer->send(email_changed_mail(old_address, change.address, unix_now(), ctx->support_url),
                                  ctx->mail_deadline, [rid](mail::send_result sent) {
                                      if (sent != mail::send_result::sent) {
                                          log::warn(rid, "email change: the notice to the old address failed");
                                      }
                                  });
            }
            auto user = s.user;
            user.email = change.address;
            ctx->auth->sessions->update_user(s.id, user, [=](state::outcome<state::done> fresh) {
                if (!fresh.available()) log::warn(rid, "email change: applied; session not refreshed");
                answer(respond,
                       http::html_page(status::ok, "Your email address is changed",
                                       "Your email address is now " + change.address +
                                           ". Use it the next time you sign in.",
                                       "/", "Back to Profile Desk"),
                       calls);
            });
        });
    });
}

void handle_confirm(const std::shared_ptr<email_change_context>& ctx, http::request&& req,
                    const http::responder& respond, const std::optional<auth::session>& s) {
    const auto params = http::parse_query(
        http::target_query(std::string_view(req.target().data(), req.target().size())));
    const auto token = params ? http::single_param(*params, "token") : std::nullopt;
    if (!token || !is_token_shaped(*token)) return answer(respond, refused_page(link_verdict::invalid), 0);
    if (!s) {
        // Sign in first, then back to this very link. Built from our own path
        // and a base64url token, and checked again by /login (safe_return_to):
        // never a way to another site.
        const auto back = std::string(email_confirm_path) + "?token=" + *token;
        return answer(respond, http::redirect_response("/login?returnTo=" + http::percent_encode(back)), 0);
    }
    const auto claims = open_email_link(*token, *ctx->link_sealer);
    const auto rid = http::request_id_of(req);
    const auto now = unix_now();
    // Judged before anything is consumed: a link for another account or an
    // expired one must not spend the user's current change.
    if (const auto v = judge_claims(claims, s->user.sub, now); v != link_verdict::apply) {
        log::info(rid, "email change: link refused", {{"verdict", static_cast<int>(v)}});
        return answer(respond, refused_page(v), 0);
    }
    const auto session = *s;
    ctx->pending->take(session.user.sub, claims->id, now, [=](state::outcome<std::optional<pending_email>> taken) {
        if (!taken.available()) return answer(respond, store_unavailable_page(), 0);
        const auto v = judge_link(claims, session.user.sub, *taken.value, now);
        if (v != link_verdict::apply) {
            log::info(rid, "email change: link refused", {{"verdict", static_cast<int>(v)}});
            return answer(respond, refused_page(v), 0);
        }
        apply_change(ctx, session, **taken.value, rid, respond);
    });
}

}  // namespace

void add_email_change_routes(http::router& routes, std::shared_ptr<email_change_context> ctx) {
    using verb = beast_http::verb;
    const auto route = [&](verb method, std::string path,
                           void (*handle)(const std::shared_ptr<email_change_context>&, http::request&&,
                                          const http::responder&, const std::optional<auth::session>&)) {
        routes.add(method, path,
                   with_session(ctx->auth, [ctx, handle](http::request&& req, http::responder respond,
                                                         std::optional<auth::session> s) {
                       handle(ctx, std::move(req), respond, s);
                   }));
    };
    route(verb::post, "/api/account/email", handle_start);
    route(verb::delete_, "/api/account/email", handle_cancel);
    route(verb::get, std::string(email_confirm_path), handle_confirm);
}

}  // namespace profiledesk::api
