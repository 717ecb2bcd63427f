#include "app/reauth.hpp"

#include "app/controller_account.hpp"
#include "app/controller_steps.hpp"
#include "app/devices.hpp"

namespace profiledesk::app {

using nlohmann::json;
namespace reauth = core::reauth;

effects reauthenticate(app_state& s, reauth::action what, const json& input, const net::api_result& r) {
    std::string url = controller_steps::str(r.body, std::string(reauth::url_key).c_str());
    // Only a path of our own origin: the body comes from our server, but a
    // navigation is not the place to trust it with another site.
    if (url.empty() || url[0] != '/' || (url.size() > 1 && (url[1] == '/' || url[1] == '\\'))) url = reauth::url(what);
    const json kept = {{"sub", s.user ? s.user->sub : ""},
                       {"action", std::string(reauth::name(what))},
                       {"input", input.is_object() ? input : json::object()}};
    s.status_text = {"reauth.status"};
    effects out{{effect::kind::store_step, {}, kept.dump()}};
    // The profile's unsaved edits come back too (on_profile restores the draft).
    if (has_unsaved_changes(s)) out.push_back({effect::kind::store_draft, {}, draft_to_json(s)});
    out.push_back({effect::kind::navigate, url, {}});
    return out;
}

std::optional<reauth::action> resume_requested(std::string_view query) {
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const std::string_view key = "resume=";
        if (pair.substr(0, key.size()) == key) return reauth::parse(pair.substr(key.size()));
    }
    return std::nullopt;
}

std::optional<resumed_step> take_resumed_step(const app_state& s, std::string_view query, const std::string& stored,
                                              effects& out) {
    const auto wanted = resume_requested(query);
    if (!stored.empty()) out.push_back({effect::kind::clear_step, {}, {}});
    if (query.find("resume=") != std::string_view::npos) out.push_back({effect::kind::replace_url, "/", {}});
    if (!wanted || stored.empty() || !s.user) return std::nullopt;
    const json kept = json::parse(stored, nullptr, false);
    if (!kept.is_object()) return std::nullopt;
    // Another person's step (a shared computer's tab), or another action's.
    if (controller_steps::str(kept, "sub") != s.user->sub) return std::nullopt;
    if (reauth::parse(controller_steps::str(kept, "action")) != wanted) return std::nullopt;
    resumed_step step;
    step.what = *wanted;
    const auto input = kept.find("input");
    if (input != kept.end() && input->is_object()) step.input = *input;
    return step;
}

effects reopen_step(app_state& s, const resumed_step& step) {
    switch (step.what) {
        case reauth::action::email:
        case reauth::action::password: return reopen_account_step(s, step);
        case reauth::action::delete_account: return reopen_delete_step(s, step.input);
    }
    return {};
}

effects resume_after_profile(app_state& s, std::string_view query, const std::string& stored) {
    effects out;
    if (const auto step = take_resumed_step(s, query, stored, out)) {
        for (auto& e : reopen_step(s, *step)) out.push_back(std::move(e));
    }
    return out;
}

}  // namespace profiledesk::app
