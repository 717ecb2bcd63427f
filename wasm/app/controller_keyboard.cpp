// Keyboard: Tab order and the keys the app handles itself.
#include "app/controller.hpp"

#include "app/controller_account.hpp"
#include "app/controller_steps.hpp"

#include <algorithm>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

std::vector<std::string> focus_order(const app_state& s) {
    std::vector<std::string> out;
    if (!s.profile) return out;
    for (const auto& sec : s.profile->sections) {
        for (const auto& id : sec.ids) {
            const auto* f = s.profile->field(id);
            if (f != nullptr && f->editable) out.push_back(id);
        }
    }
    for (auto& id : account_focus_order(s)) out.push_back(std::move(id));  // "Sign-in and security" comes last
    return out;
}

bool takes_key(const app_state& s, key_press k) {
    if (s.review_open) return k.k == key::escape;  // Esc closes the review
    if (s.current != phase::editing || !s.profile) return false;
    if (is_account_field(s.focused) && (k.k == key::enter || k.k == key::escape)) return true;
    const auto* f = s.focused.empty() ? nullptr : s.profile->field(s.focused);
    switch (k.k) {
        case key::tab:
        case key::save_shortcut: return true;
        case key::enter: return f != nullptr && f->kind != widget::multi_line;
        case key::escape: return f != nullptr;
        case key::space: return f != nullptr && f->kind == widget::checkbox;
        case key::up:
        case key::down: return f != nullptr && f->kind == widget::combo;
        case key::other: return false;
    }
    return false;
}

void set_focus(app_state& s, const std::string& id) { s.focused = id; }

effects on_key(app_state& s, key_press k) {
    if (!takes_key(s, k)) return {};
    if (s.review_open) {
        s.review_open = false;
        return {};
    }
    if (is_account_field(s.focused) && (k.k == key::enter || k.k == key::escape)) return on_account_key(s, k.k);
    const auto order = focus_order(s);
    const auto move = [&](int step) {
        if (order.empty()) return;
        const auto it = std::find(order.begin(), order.end(), s.focused);
        int i = it == order.end() ? (step > 0 ? -1 : 0) : static_cast<int>(it - order.begin());
        const int n = static_cast<int>(order.size());
        i = ((i + step) % n + n) % n;
        s.focused = order[static_cast<std::size_t>(i)];
        s.focus_request = s.focused;
    };
    const auto* f = s.focused.empty() ? nullptr : s.profile->field(s.focused);
    switch (k.k) {
        case key::tab: move(k.shift ? -1 : 1); return {};
        case key::enter: move(1); return {};
        case key::escape:
            revert_field(s, s.focused);
            s.focus_request = s.focused;  // the widget reloads the reverted text
            return {};
        case key::save_shortcut: return save(s);
        case key::space: {
            const json& v = value_of(s.draft, s.focused);
            edit_value(s, s.focused, !(v.is_boolean() && v.get<bool>()));
            return {};
        }
        case key::up:
        case key::down: {
            const auto* def = f != nullptr ? s.profile->def_of(*f) : nullptr;
            if (def == nullptr || def->options.empty()) return {};
            const auto& opts = def->options;
            const json& v = value_of(s.draft, s.focused);
            int i = -1;
            for (std::size_t j = 0; j < opts.size(); ++j) {
                if (v.is_string() && opts[j].value == v.get<std::string>()) i = static_cast<int>(j);
            }
            const int n = static_cast<int>(opts.size());
            i = k.k == key::down ? std::min(i + 1, n - 1) : std::max(i - 1, 0);
            edit_value(s, s.focused, opts[static_cast<std::size_t>(i)].value);
            return {};
        }
        case key::other: break;
    }
    return {};
}

}  // namespace profiledesk::app
