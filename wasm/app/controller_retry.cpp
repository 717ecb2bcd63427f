// A failed request: the error shown, and Retry (after the server's Retry-After).
#include "app/controller.hpp"

#include "app/controller_steps.hpp"

#include <algorithm>
#include <cmath>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace controller_steps {

void fail(app_state& s, const net::api_result& r, retry_action again) {
    s.current = phase::error;
    s.error_message = r.message;
    s.retry = again;
    // A busy or failing provider says when to come back; asking sooner only fails again.
    // At most two minutes, whatever it says: then Retry asks again.
    s.retry_at_s = r.retry_after_s > 0 ? s.now_s + std::min(r.retry_after_s, 120) : 0;
}

}  // namespace controller_steps

int retry_wait_s(const app_state& s) {
    if (s.current != phase::error || s.retry_at_s <= s.now_s) return 0;
    return static_cast<int>(std::ceil(s.retry_at_s - s.now_s));
}

std::string retry_label(const app_state& s) {
    const int wait = retry_wait_s(s);
    return wait > 0 ? tr("status.retry_in", {{"seconds", std::to_string(wait)}}) : tr("status.retry");
}

effects retry(app_state& s) {
    if (retry_wait_s(s) > 0) return {};
    const auto what = s.retry;
    s.retry = retry_action::none;
    s.error_message.clear();
    switch (what) {
        case retry_action::load_session: return start(s);
        case retry_action::load_profile:
            s.current = phase::loading;
            s.status_text = {"status.loading_profile"};
            return {{effect::kind::get_profile, "/api/profile", {}}};
        case retry_action::save: s.current = phase::editing; return save(s);
        case retry_action::none: break;
    }
    if (s.current == phase::error) s.current = s.profile ? phase::editing : phase::loading;
    return {};
}

}  // namespace profiledesk::app
