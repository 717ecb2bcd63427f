// Draws the app state with ImGui and reports what the person did as intents.
// Reads the state; changes nothing: main.cpp hands intents to the controller.
#pragma once

#include "app/controller.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace profiledesk::app::views {

struct intent {
    enum class kind {
        sign_in,
        sign_out,
        sign_out_everywhere,
        edit_text,
        edit_value,
        focus,
        focus_done,
        open_review,
        close_review,
        save,
        discard,
        choose,
        resolve,
        retry,
        caret_done,
        account_action,  // "Sign-in and security": `id` names it (controller_account.hpp's account_action)
        account_edit,    // typing into its input `id`: `text`
        devices,         // id: a devices.hpp action, or delete_confirm_field with `text` typed
        language,        // the switcher's choice: `id` a language tag (language.hpp)
        language_menu,   // the switcher's list opened
        toggle_theme,    // the header's theme toggle
    };
    kind what;
    std::string id;
    std::string text;
    nlohmann::json value;
    conflict_item::choice choice = conflict_item::choice::undecided;
};

// `avatar_texture`: the decoded picture's GL texture, 0 for the initials;
// `touch_scroll`: how far a finger dragged the form since the last frame
// (CSS pixels, down positive: the content follows the finger).
std::vector<intent> draw_app(const app_state& s, unsigned avatar_texture, float touch_scroll = 0);

}  // namespace profiledesk::app::views
