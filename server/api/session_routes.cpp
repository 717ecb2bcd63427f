#include "api/session_routes.hpp"

#include "api/store_unavailable.hpp"
#include "auth/csrf.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "http/url.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/device_label.hpp"

#include <algorithm>
#include <atomic>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;

namespace {

constexpr std::string_view prefix = "/api/sessions/";

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

http::response unauthenticated(unsigned version) {
    return http::error_response(status::unauthorized, core::api_error::unauthenticated, "Please sign in.", version);
}

// The CSRF check every write makes; the refusal, or nullopt to go on.
std::optional<http::response> refuse_forgery(const auth_context& ctx, const http::request& req,
                                             const auth::session& s) {
    const auto csrf = auth::check_state_changing_request(req, s.csrf_token, ctx.origin);
    if (csrf == auth::csrf_failure::none) return std::nullopt;
    if (csrf == auth::csrf_failure::bad_content_type) {
        return http::error_response(status::unsupported_media_type, core::api_error::unsupported_media_type,
                                    "Send the request as application/json.", req.version());
    }
    log::warn(http::request_id_of(req), "sessions: csrf refused", {{"check", log::text(auth::to_string(csrf))}});
    return http::error_response(status::forbidden, core::api_error::csrf_failed, auth::csrf_failure_message(csrf),
                                req.version());
}

void handle_list(const std::shared_ptr<auth_context>& ctx, const http::request& req, const http::responder& respond,
                 const std::optional<auth::session>& s) {
    const auto version = req.version();
    if (!s) return respond(unauthenticated(version));
    ctx->sessions->list_user(
        s->user.sub, std::chrono::system_clock::now(),
        [version, current = s->handle, respond](state::outcome<std::vector<auth::session_listing>> listed) {
            if (!listed.available()) return respond(store_unavailable(version));
            respond(http::json_response(
                status::ok, core::sessions_view_to_json(sessions_view_of(std::move(*listed.value), current)), version));
        });
}

void handle_end_one(const std::shared_ptr<auth_context>& ctx, const http::request& req, const http::responder& respond,
                    const std::optional<auth::session>& s) {
    const auto version = req.version();
    if (!s) return respond(unauthenticated(version));
    if (auto refused = refuse_forgery(*ctx, req, *s)) return respond(std::move(*refused));
    const auto path = http::target_path(std::string_view(req.target().data(), req.target().size()));
    const std::string handle(path.substr(prefix.size()));
    const auto not_found = [version] {
        return http::error_response(status::not_found, core::api_error::session_not_found,
                                    "That session has already ended.", version);
    };
    if (!plausible_handle(handle)) return respond(not_found());
    const bool current = handle == s->handle;
    const auto rid = http::request_id_of(req);
    const auto sub = s->user.sub;
    const auto now = std::chrono::system_clock::now();
    const auto end = [ctx, sub, handle, now, version, current, not_found, rid, respond] {
        ctx->sessions->erase_handle(
            sub, handle, now, [ctx, version, current, not_found, rid, respond](state::outcome<bool> ended) {
                if (!ended.available()) return respond(store_unavailable(version));
                if (!*ended.value) return respond(not_found());
                log::info(rid, "sessions: a user ended one of their sessions", {{"current", current}});
                http::response res{status::no_content, version};
                res.set(beast_http::field::cache_control, "no-store");
                // Ending this very session is signing out here.
                if (current) res.insert(beast_http::field::set_cookie, clear_session_cookie(*ctx));
                res.prepare_payload();
                respond(std::move(res));
            });
    };
    if (current) return end();
    // Another device (a lost laptop, an intruder): the time is marked first,
    // as for "sign out everywhere", or that browser would sign straight back
    // in through the provider's single sign-on at its next visit.
    ctx->sign_out_marks->mark(sub, unix_seconds(now), [end, version, respond](state::outcome<state::done> marked) {
        if (!marked.available()) return respond(store_unavailable(version));
        end();
    });
}

// Every session of the user but `s`, one erase_handle each (a user holds
// at most MAX_SESSIONS_PER_USER). As for "sign out everywhere", the time
// is marked first (sign_out_marks.hpp): a browser whose session ended here
// cannot come back through the provider's older single sign-on without
// credentials.
void handle_end_others(const std::shared_ptr<auth_context>& ctx, const http::request& req,
                       const http::responder& respond, const std::optional<auth::session>& s) {
    const auto version = req.version();
    if (!s) return respond(unauthenticated(version));
    if (auto refused = refuse_forgery(*ctx, req, *s)) return respond(std::move(*refused));
    const auto query = http::parse_query(
        http::target_query(std::string_view(req.target().data(), req.target().size())));
    if (!query || query->size() != 1 || http::single_param(*query, "others") != std::optional<std::string>("true")) {
        return respond(http::error_response(
            status::bad_request, core::api_error::bad_request,
            "Send DELETE /api/sessions?others=true to end your other sessions, or use Sign out everywhere.", version));
    }
    const auto sub = s->user.sub;
    const auto current = s->handle;
    const auto rid = http::request_id_of(req);
    const auto now = std::chrono::system_clock::now();
    ctx->sign_out_marks->mark(sub, unix_seconds(now), [=](state::outcome<state::done> marked) {
        if (!marked.available()) return respond(store_unavailable(version));
        ctx->sessions->list_user(sub, now, [=](state::outcome<std::vector<auth::session_listing>> listed) {
            if (!listed.available()) return respond(store_unavailable(version));
            std::vector<std::string> others;
            for (const auto& l : *listed.value) {
                if (l.handle != current) others.push_back(l.handle);
            }
            const auto finish = [version, rid, respond](std::size_t ended) {
                log::info(rid, "sessions: a user ended their other sessions", {{"ended", ended}});
                respond(http::json_response(status::ok, {{"ended", ended}}, version));
            };
            if (others.empty()) return finish(0);
            struct tally {
                std::atomic<std::size_t> left, ended{0};
                std::atomic<bool> failed{false};
            };
            auto t = std::make_shared<tally>();
            t->left = others.size();
            for (const auto& handle : others) {
                ctx->sessions->erase_handle(sub, handle, now, [t, version, finish, respond](state::outcome<bool> r) {
                    if (!r.available()) {
                        t->failed = true;
                    } else if (*r.value) {
                        ++t->ended;
                    }
                    if (t->left.fetch_sub(1) != 1) return;
                    // Some may have ended: the user sees the list again and may retry.
                    if (t->failed) return respond(store_unavailable(version));
                    finish(t->ended.load());
                });
            }
        });
    });
}

}  // namespace

std::vector<core::session_entry_view> sessions_view_of(std::vector<auth::session_listing> listings,
                                                       const std::string& current_handle) {
    std::sort(listings.begin(), listings.end(), [](const auto& a, const auto& b) {
        return std::tie(a.created, a.handle) > std::tie(b.created, b.handle);
    });
    std::vector<core::session_entry_view> out;
    out.reserve(listings.size());
    for (auto& l : listings) {
        out.push_back({l.handle,
                       l.origin.device.empty() ? std::string(core::unknown_device) : std::move(l.origin.device),
                       std::move(l.origin.address), unix_seconds(l.created), unix_seconds(l.last_seen),
                       !current_handle.empty() && l.handle == current_handle});
    }
    return out;
}

bool plausible_handle(std::string_view handle) {
    return !handle.empty() && handle.size() <= 64 && std::all_of(handle.begin(), handle.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
}

void add_session_routes(http::router& routes, std::shared_ptr<auth_context> ctx) {
    using verb = beast_http::verb;
    routes.add(verb::get, "/api/sessions",
               with_session(ctx, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
                   handle_list(ctx, req, respond, s);
               }));
    routes.add(verb::delete_, "/api/sessions",
               with_session(ctx, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
                   handle_end_others(ctx, req, respond, s);
               }));
    routes.add_prefix(
        verb::delete_, std::string(prefix),
        with_session(ctx, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
            handle_end_one(ctx, req, respond, s);
        }));
}

}  // namespace profiledesk::api
