// Start, session and profile load, sign-in and sign-out, the avatar.
#include "app/controller.hpp"

#include "app/controller_account.hpp"
#include "app/controller_steps.hpp"
#include "app/i18n.hpp"
#include "app/language.hpp"
#include "app/profile_form.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/session_view.hpp"

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace controller_steps {

// A profile view from the server becomes the loaded profile and the draft
// (the caller has already kept whatever unsaved edits must survive). False,
// with the error shown, when the answer is not a profile view.
bool adopt_profile(app_state& s, const net::api_result& r) {
    std::string problem;
    auto p = read_profile(r.body, problem);
    if (!p) {
        // `problem` is for developers (English, about the view's shape): the
        // person reads that the answer could not be read.
        net::api_result bad = r;
        bad.message = tr("error.unreadable_answer");
        fail(s, bad, retry_action::load_profile);
        return false;
    }
    s.profile = std::move(*p);
    s.draft = s.profile->values;
    s.client_errors.clear();
    s.server_errors.clear();
    s.conflicts.clear();
    s.current = phase::editing;
    return true;
}

effects go_to_sign_in(app_state& s) {
    s.current = phase::loading;
    s.status_text = {"status.signing_in"};
    return {{effect::kind::navigate, "/login?returnTo=%2F", {}}};
}

// The server ended every session of this account for good (the tenant says
// it is blocked or deleted): signing in again cannot help, so the person is
// told why instead of being sent round the sign-in loop, and nothing of the
// account stays in the tab: the state keeps only what belongs to the page.
effects account_closed(app_state& s, const net::api_result& r) {
    app_state left;
    left.ready = s.ready;
    left.frames = s.frames;
    left.idle = s.idle;
    left.font_pixel_size = s.font_pixel_size;
    left.font = s.font;
    left.now_s = s.now_s;
    left.saves_sent = s.saves_sent;
    left.glyphs = std::move(s.glyphs);
    left.current = phase::signed_out;
    // By the kind, not r.message: a deletion the person asked for arrives as a 200.
    left.account_error = tr("error." + std::string(r.kind == net::outcome::account_blocked
                                                       ? core::api_error::account_blocked
                                                       : core::api_error::account_deleted));
    s = std::move(left);
    return {{effect::kind::clear_draft, {}, {}}};
}

bool is_account_closed(const net::api_result& r) {
    return r.kind == net::outcome::account_blocked || r.kind == net::outcome::account_deleted;
}

}  // namespace controller_steps

effects start(app_state& s) {
    s.current = phase::loading;
    s.status_text = {"status.checking_session"};
    return {{effect::kind::get_session, "/api/session", {}}};
}

effects on_session(app_state& s, const net::api_result& r) {
    if (r.kind != net::outcome::ok) {
        fail(s, r, retry_action::load_session);
        return {};
    }
    const auto view = core::session_view_from_json(r.body);
    if (!view.user) {
        s.current = phase::signed_out;
        s.user.reset();
        return {};
    }
    s.user = session_user{view.user->sub, view.user->name, view.user->picture, view.user->connection};
    s.csrf_token = view.csrf_token;
    s.current = phase::loading;
    s.status_text = {"status.loading_profile"};
    return {{effect::kind::get_profile, "/api/profile", {}}};
}

effects on_profile(app_state& s, const net::api_result& r, const std::string& stored_draft) {
    if (is_account_closed(r)) return account_closed(s, r);
    if (r.kind == net::outcome::unauthenticated) {
        s.current = phase::signed_out;
        s.user.reset();
        return {};
    }
    if (r.kind != net::outcome::ok) {
        fail(s, r, retry_action::load_profile);
        return {};
    }
    if (!adopt_profile(s, r)) return {};
    adopt_account_view(s);
    effects out = follow_profile_language(s);  // the saved preference, when the schema has one
    if (!stored_draft.empty()) {
        restore_draft(s, stored_draft);
        out.push_back({effect::kind::clear_draft, {}, {}});
    }
    const json& picture = value_of(s.profile->values, std::string(core::root_key::picture));
    const std::string url = picture.is_string() ? picture.get<std::string>() : std::string();
    if (url != s.avatar.url || s.avatar.state == avatar_state::status::none) {
        s.avatar = avatar_state{};
        s.avatar.url = url;
        if (!url.empty()) {
            s.avatar.state = avatar_state::status::loading;
            out.push_back({effect::kind::load_avatar, url, {}});
        } else {
            s.avatar.state = avatar_state::status::failed;
        }
    }
    return out;
}

effects sign_in(app_state& s) { return go_to_sign_in(s); }

effects sign_out(app_state& s) {
    s.status_text = {"status.signing_out"};
    // A draft a session expiry kept in the tab goes first: on a shared
    // computer the next person uses the same tab.
    return {{effect::kind::clear_draft, {}, {}},
            {effect::kind::clear_step, {}, {}},
            {effect::kind::end_session, "/api/session/end", "{}"}};
}

effects on_session_ended(app_state& s, const net::api_result& r) {
    if (r.kind == net::outcome::ok) {
        // The provider's logout ends its session too, then comes back here.
        const std::string logout_url = str(r.body, "logoutUrl");
        return {{effect::kind::navigate, logout_url.empty() ? "/" : logout_url, {}}};
    }
    s.notice.clear();
    s.account_error = tr("status.not_signed_out", {{"reason", r.message}});
    return {};
}

effects sign_out_everywhere(app_state& s) {
    s.status_text = {"status.signing_out_everywhere"};
    s.notice = tr("status.signing_out_every_device");
    s.account_error.clear();
    return {{effect::kind::end_all_sessions, "/api/session/end-all", "{}"}};
}

effects on_end_all_sessions(app_state& s, const net::api_result& r) {
    // Ended (or already gone): signed out here, then at the provider as well.
    if (r.kind == net::outcome::ok || r.kind == net::outcome::unauthenticated || is_account_closed(r)) {
        return sign_out(s);
    }
    s.notice.clear();
    s.account_error = tr("status.not_signed_out_everywhere", {{"reason", r.message}});
    return {};
}

void on_avatar(app_state& s, bool ok, int width, int height) {
    s.avatar.state = ok ? avatar_state::status::ready : avatar_state::status::failed;
    s.avatar.width = ok ? width : 0;
    s.avatar.height = ok ? height : 0;
}

}  // namespace profiledesk::app
