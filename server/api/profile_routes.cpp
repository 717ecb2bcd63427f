#include "api/profile_routes.hpp"

#include "api/account_state.hpp"
#include "api/no_op_save.hpp"
#include "api/store_unavailable.hpp"
#include "api/upstream_failure.hpp"
#include "auth/csrf.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "metrics/server_metrics.hpp"
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/profile_diff.hpp"
#include "profiledesk/core/utf8.hpp"
#include "profiledesk/core/validation.hpp"

#include <atomic>
#include <cmath>

namespace profiledesk::api {

namespace beast_http = boost::beast::http;
using status = beast_http::status;
using nlohmann::json;

namespace {

using clock = std::chrono::steady_clock;

http::response error(status s, std::string_view code, std::string_view message, const json& details = nullptr) {
    return http::error_response(s, code, message, 11, details);
}

std::size_t depth_of(const json& j, std::size_t limit) {
    if (limit == 0 || !j.is_structured()) return 0;
    std::size_t deepest = 0;
    for (const auto& child : j) deepest = std::max(deepest, depth_of(child, limit - 1));
    return deepest + 1;
}

std::optional<core::profile> parse_profile(const json& body, const log::request_id& request) {
    try {
        return core::profile_from_json(body);
    } catch (const core::invalid_profile& e) {
        // Names the check and the member, never a value (core/src/profile.cpp).
        log::error(request, "profile: unusable user record from upstream", {{"problem", log::text(e.what())}});
        return std::nullopt;
    }
}

// The per-user state the view shows (nullopt: its store cannot be reached).
void with_account_facts(const profile_context& ctx, const std::string& sub,
                        std::function<void(std::optional<account_facts>)> then) {
    if (!ctx.pending_changes) return then(account_facts{});
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    ctx.pending_changes->find(sub, now, [then = std::move(then)](state::outcome<std::optional<pending_email>> found) {
        if (!found.available()) return then(std::nullopt);
        account_facts facts;
        if (const auto& p = *found.value) facts.pending_email = core::pending_email_view{p->address, p->expires_at};
        then(facts);
    });
}

// The account part of the view for a session signed in at `auth_time`, now.
account_facts account_for(std::int64_t auth_time, core::password_policy policy) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return {auth_time, std::chrono::duration_cast<std::chrono::seconds>(now).count(), policy, std::nullopt};
}

// The password policy of `p`'s connection as far as known now (no call).
core::password_policy known_policy(const profile_context& ctx, const core::profile& p) {
    return ctx.policies ? ctx.policies->peek(connection_of(p, ctx.edits).name) : core::password_policy{};
}

void handle_get(const std::shared_ptr<profile_context>& ctx, const log::request_id& rid, const http::responder& respond,
                const std::optional<auth::session>& s) {
    if (!s) return answer(respond, error(status::unauthorized, core::api_error::unauthenticated, "Please sign in."), 0);
    const auto sub = s->user.sub;
    const auto at = s->auth_time;
    ctx->users->get_user(sub, clock::now() + ctx->deadline, rid, [ctx, respond, sub, rid, at](mgmt::mgmt_result r) {
        if (const auto state = account_state_of(r); state != account_state::active) {
            return end_account(*ctx->auth, sub, state, rid, [respond, calls = r.upstream_calls](http::response res) {
                answer(respond, std::move(res), calls);
            });
        }
        if (!r.ok()) return answer(respond, upstream_failure(r), r.upstream_calls);
        const auto p = parse_profile(r.body, rid);
        if (!p) return answer(respond, unusable_record(), r.upstream_calls);
        // Without the snapshot of the version shown, the next save could not be
        // checked field by field: a store that cannot keep it answers 503.
        const int calls = r.upstream_calls;
        ctx->versions->remember(
            p->user_id, p->updated_at, core::editable_values(*p, *ctx->schema),
            [ctx, respond, p, calls, at, rid](state::outcome<state::done> kept) {
                if (!kept.available()) return answer(respond, store_unavailable(), calls);
                with_account_facts(
                    *ctx, p->user_id, [ctx, respond, p, calls, at, rid](std::optional<account_facts> kept_facts) {
                        if (!kept_facts) return answer(respond, store_unavailable(), calls);
                        const auto show = [ctx, respond, p, calls, at,
                                           pending = kept_facts->pending_email](core::password_policy policy) {
                            auto facts = account_for(at, policy);
                            facts.pending_email = pending;
                            answer(respond,
                                   http::json_response(status::ok, profile_view(*p, *ctx->schema, ctx->edits, facts)),
                                   calls);
                        };
                        const auto c = connection_of(*p, ctx->edits);
                        if (!ctx->policies || !core::can_write_email(c)) return show({});
                        ctx->policies->get(c.name, clock::now() + ctx->deadline, rid, show);
                    });
            });
    });
}

// The checks that need no upstream call. Returns an answer when the request
// must stop here, else fills `changes` and `base_version`.
std::optional<http::response> check_patch(const profile_context& ctx, const http::request& req, json& changes,
                                          std::string& base_version) {
    const auto& text = req.body();
    if (!core::is_valid_utf8(text)) {
        return error(status::bad_request, core::api_error::invalid_utf8, "The request is not valid UTF-8.");
    }
    auto body = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
        return error(status::bad_request, core::api_error::invalid_json, "The request body is not valid JSON.");
    }
    if (depth_of(body, max_json_depth + 1) > max_json_depth) {
        return error(status::bad_request, core::api_error::invalid_json, "The request body is nested too deeply.");
    }
    if (!body.is_object() || !body.contains("baseVersion") || !body["baseVersion"].is_string() ||
        !body.contains("changes") || !body["changes"].is_object()) {
        return error(status::bad_request, core::api_error::bad_request,
                     "Send {\"baseVersion\": \"<version>\", \"changes\": {...}} with only what changed.");
    }
    for (const auto& [key, _] : body.items()) {
        if (key != "baseVersion" && key != "changes") {
            return error(status::bad_request, core::api_error::field_not_allowed, "Unknown field: " + key,
                         {{"fields", {key}}});
        }
    }
    base_version = body["baseVersion"].get<std::string>();
    changes = std::move(body["changes"]);
    const auto report = core::validate_changes(*ctx.schema, changes);
    if (!report.not_allowed.empty()) {
        std::string names;
        for (const auto& n : report.not_allowed) names += (names.empty() ? "" : ", ") + n;
        return error(status::bad_request, core::api_error::field_not_allowed,
                     "These fields cannot be changed here: " + names + ".", {{"fields", report.not_allowed}});
    }
    if (!report.errors.empty()) {
        metrics::server().validation_failure();
        // `fields` in English for API clients; `problems` the same by code
        // and arguments, which the app shows in the person's language.
        json problems = json::object();
        for (const auto& [id, p] : report.problems) problems[id] = core::to_json(p);
        return error(status::bad_request, core::api_error::validation_failed, "Some fields need attention.",
                     {{"fields", report.errors}, {"problems", std::move(problems)}});
    }
    return std::nullopt;
}

// A bug must not leave the user's write queue stuck: answer 500 and move on.
template <class Finish>
void internal_failure(const Finish& finish, const std::exception& e, const log::request_id& request) {
    log::error(request, "profile: save failed", {{"error", log::text(e.what())}});
    finish(error(status::internal_server_error, core::api_error::internal_error,
                 "Something went wrong on our side. Please try again."),
           0);
}

// A save's steps, each calling the next: save_within_budget (the user's
// write budget), queue_save (the snapshot of the version the user edited;
// then one save per user at a time: in this process by the queue, across
// instances by the write lock), check_and_write (the check against the
// current record, the write, the new version remembered). Each step's store
// may be shared (Redis) and unreachable: the save then stops with 503 before
// anything is written. `s` is the signed-in session (copied: the steps
// outlive the request).
void check_and_write(const std::shared_ptr<profile_context>& ctx, const std::optional<auth::session>& s,
                     const json& changes, const std::string& base_version,
                     const std::optional<core::field_values>& base, bool no_op, clock::time_point deadline,
                     const log::request_id& rid, const std::function<void(http::response, int)>& finish) {
    const auto session_id = s->id;
    const auto user_id = s->user.sub;
    if (!no_op) ctx->users->invalidate(user_id);  // the check needs the record as it is now
    ctx->users->get_user(user_id, deadline, rid, [=](mgmt::mgmt_result current) {
        try {
            // Checked before any write: a blocked user's save is never applied.
            if (const auto state = account_state_of(current); state != account_state::active) {
                return end_account(*ctx->auth, user_id, state, rid,
                                   [=](http::response res) { finish(std::move(res), current.upstream_calls); });
            }
            if (!current.ok()) return finish(upstream_failure(current), current.upstream_calls);
            const auto p = parse_profile(current.body, rid);
            if (!p) return finish(unusable_record(), current.upstream_calls);
            const int calls = current.upstream_calls;

            // Root attributes this identity's provider owns.
            const auto connection = connection_of(*p, ctx->edits);
            std::vector<std::string> read_only;
            for (const auto& [key, _] : changes.items()) {
                const auto e = core::editability(connection, key);
                if (!e.editable) read_only.push_back(key);
            }
            if (!read_only.empty()) {
                return finish(error(status::forbidden, core::api_error::field_read_only,
                                    "Managed by your " + provider_label(connection) + " account: change it there.",
                                    {{"fields", read_only}}),
                              calls);
            }

            const auto now_values = core::editable_values(*p, *ctx->schema);
            ctx->versions->remember(p->user_id, p->updated_at, now_values, [=](state::outcome<state::done> kept) {
                try {
                    // A version another save may be based on, unknown to the store: stop before writing.
                    if (!kept.available()) return finish(store_unavailable(), calls);
                    if (no_op) {
                        return finish(http::json_response(
                                          status::ok, profile_view(*p, *ctx->schema, ctx->edits,
                                                                   account_for(s->auth_time, known_policy(*ctx, *p)))),
                                      calls);
                    }

                    // Conflict: fields this save changes that changed since baseVersion.
                    if (p->updated_at != base_version) {
                        // Without the base version (never served here, or forgotten)
                        // nothing tells what changed elsewhere: every field is the
                        // user's call (core::conflicting_fields).
                        const auto conflicting = core::conflicting_fields(base, now_values,
                                                                          core::change_values(changes));
                        if (!conflicting.empty()) {
                            metrics::server().conflict();
                            json current_fields = json::object();
                            for (const auto& id : conflicting) {
                                const auto it = now_values.find(id);
                                current_fields[id] = it == now_values.end() ? json(nullptr) : it->second;
                            }
                            return finish(error(status::conflict, core::api_error::conflict,
                                                "Some fields were changed elsewhere since you loaded your profile.",
                                                {{"fields", current_fields}, {"version", p->updated_at}}),
                                          calls);
                        }
                    }

                    const auto patch = core::upstream_patch(changes);
                    if (patch.empty()) {
                        return finish(http::json_response(
                                          status::ok, profile_view(*p, *ctx->schema, ctx->edits,
                                                                   account_for(s->auth_time, known_policy(*ctx, *p)))),
                                      calls);
                    }
                    ctx->users->patch_user(user_id, patch, deadline, rid, [=](mgmt::mgmt_result written) {
                        try {
                            const int total = calls + written.upstream_calls;
                            if (const auto state = account_state_of(written); state != account_state::active) {
                                return end_account(*ctx->auth, user_id, state, rid,
                                                   [=](http::response res) { finish(std::move(res), total); });
                            }
                            if (!written.ok()) return finish(upstream_failure(written), total);
                            const auto updated = parse_profile(written.body, rid);
                            if (!updated) return finish(unusable_record(), total);
                            // /api/session stays fresh without a new sign-in.
                            auto user = s->user;
                            user.name = updated->name.value_or("");
                            user.picture = updated->picture.value_or("");
                            auto view = http::json_response(
                                status::ok, profile_view(*updated, *ctx->schema, ctx->edits,
                                                         account_for(s->auth_time, known_policy(*ctx, *updated))));
                            ctx->versions->remember(
                                updated->user_id, updated->updated_at, core::editable_values(*updated, *ctx->schema),
                                [ctx, session_id, user, finish, total, view, rid](state::outcome<state::done> kept) {
                                    // The write is applied: answering otherwise would be untrue. The next
                                    // save based on this version is still checked, without a base.
                                    if (!kept.available()) {
                                        log::warn(rid, "profile: new version not remembered");
                                    }
                                    ctx->auth->sessions->update_user(
                                        session_id, user,
                                        [finish, total, view, rid](state::outcome<state::done> fresh) {
                                            // Only /api/session's copy of the name and picture may lag.
                                            if (!fresh.available()) {
                                                log::warn(rid,
                                                          "profile: saved; session not refreshed: store unavailable");
                                            }
                                            finish(view, total);
                                        });
                                });
                        } catch (const std::exception& e) {
                            internal_failure(finish, e, rid);
                        }
                    });
                } catch (const std::exception& e) {
                    internal_failure(finish, e, rid);
                }
            });
        } catch (const std::exception& e) {
            internal_failure(finish, e, rid);
        }
    });
}

void queue_save(const std::shared_ptr<profile_context>& ctx, const std::optional<auth::session>& s, json changes,
                std::string base_version, const log::request_id& rid, const http::responder& respond) {
    const auto user_id = s->user.sub;
    const auto deadline = clock::now() + ctx->deadline;
    // The base's values never change once a version exists, so this one
    // lookup serves both the no-op test and the conflict check below.
    ctx->versions->find(
        user_id, base_version,
        [=, changes = std::move(changes)](state::outcome<std::optional<core::field_values>> found) {
            if (!found.available()) return answer(respond, store_unavailable(), 0);
            const auto base = *found.value;
            // Nothing to write: the answer is the current view, from the read cache
            // while it is fresh, so a client looping empty saves costs no upstream call.
            const bool no_op = changes_nothing(changes, base);

            // From here on, one save per user at a time: the check against the current
            // record and the write cannot interleave with another save's.
            ctx->writes->run(user_id, [=](std::function<void()> done) {
                // Runs once however the task ends: the next save of this user waits for it.
                const auto finished = std::make_shared<std::atomic<bool>>(false);
                const auto unqueue = [respond, finished](http::response res, int calls) {
                    if (finished->exchange(true)) return false;
                    answer(respond, std::move(res), calls);
                    return true;
                };
                if (no_op) {
                    // Nothing is written, so no other instance's save needs to wait for it.
                    return check_and_write(ctx, s, changes, base_version, base, no_op, deadline, rid,
                                           [unqueue, done](http::response res, int calls) {
                                               if (unqueue(std::move(res), calls)) done();
                                           });
                }
                ctx->locks->acquire(user_id, deadline, [=](state::outcome<std::optional<write_lock::lease>> got) {
                    if (!got.available() || !*got.value) {
                        log::warn(rid, "profile: save refused: write lock",
                                  {{"lock", log::text(got.available() ? "still held by another save at the deadline"
                                                                      : "unavailable")}});
                        if (unqueue(store_unavailable(), 0)) done();
                        return;
                    }
                    const auto held = **got.value;
                    check_and_write(ctx, s, changes, base_version, base, no_op, deadline, rid,
                                    [ctx, unqueue, done, user_id, held](http::response res, int calls) {
                                        if (!unqueue(std::move(res), calls)) return;
                                        // Held until here: the new version is remembered (or the save
                                        // stopped). The next save of this process waits for the release.
                                        ctx->locks->release(user_id, held, [done](state::outcome<bool>) { done(); });
                                    });
                });
            });
        });
}

void save_within_budget(const std::shared_ptr<profile_context>& ctx, const std::optional<auth::session>& s,
                        json changes, std::string base_version, const log::request_id& rid,
                        const http::responder& respond) {
    if (!ctx->write_budget) return queue_save(ctx, s, std::move(changes), std::move(base_version), rid, respond);
    ctx->write_budget->take(s->user.sub, [=, changes = std::move(changes), base_version = std::move(base_version)](
                                             state::outcome<http::budget_verdict> verdict) mutable {
        if (!verdict.available()) return answer(respond, store_unavailable(), 0);
        if (!verdict.value->granted) {
            metrics::server().budget_refused(metrics::budget::writes);
            const auto seconds = static_cast<unsigned>(std::max(1.0, std::ceil(verdict.value->retry_after)));
            auto res = error(status::too_many_requests, core::api_error::too_many_writes,
                             "You are saving too often. Please wait " + std::to_string(seconds) +
                                 " seconds, then save again.");
            res.set(beast_http::field::retry_after, std::to_string(seconds));
            return answer(respond, std::move(res), 0);
        }
        queue_save(ctx, s, std::move(changes), std::move(base_version), rid, respond);
    });
}

void handle_patch(const std::shared_ptr<profile_context>& ctx, http::request&& req, const http::responder& respond,
                  const std::optional<auth::session>& s) {
    if (!s) return answer(respond, error(status::unauthorized, core::api_error::unauthenticated, "Please sign in."), 0);
    const auto csrf = auth::check_state_changing_request(req, s->csrf_token, ctx->origin);
    if (csrf != auth::csrf_failure::none) {
        if (csrf == auth::csrf_failure::bad_content_type) {
            return answer(respond,
                          error(status::unsupported_media_type, core::api_error::unsupported_media_type,
                                "Send the changes as application/json."),
                          0);
        }
        log::warn(http::request_id_of(req), "profile: csrf refused", {{"check", log::text(auth::to_string(csrf))}});
        return answer(respond, error(status::forbidden, core::api_error::csrf_failed, auth::csrf_failure_message(csrf)),
                      0);
    }
    json changes;
    std::string base_version;
    if (auto refused = check_patch(*ctx, req, changes, base_version)) return answer(respond, std::move(*refused), 0);
    save_within_budget(ctx, s, std::move(changes), std::move(base_version), http::request_id_of(req), respond);
}

}  // namespace

void add_profile_routes(http::router& routes, std::shared_ptr<profile_context> ctx) {
    routes.add(
        beast_http::verb::get, "/api/profile",
        with_session(ctx->auth, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
            handle_get(ctx, http::request_id_of(req), respond, s);
        }));
    routes.add(
        beast_http::verb::patch, "/api/profile",
        with_session(ctx->auth, [ctx](http::request&& req, http::responder respond, std::optional<auth::session> s) {
            handle_patch(ctx, std::move(req), respond, s);
        }));
}

}  // namespace profiledesk::api
