// The profile view the server answers (core/profile_view.hpp), read into the
// app's loaded profile: its values, and the form (fields and sections in
// visual order) with each field's editability from the server.
#pragma once

#include "app/app_state.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace profiledesk::app {

// nullopt with `problem` set (a sentence for a person) when `answer` is not a
// profile view this app can read.
// The form's texts from the schema (labels, help, placeholders, section
// titles) are in the app's current language (i18n.hpp).
std::optional<loaded_profile> read_profile(const nlohmann::json& answer, std::string& problem);

// The form's texts again, in the language now current (after a switch): the
// fields and sections are rebuilt from the view; values, draft and version stay.
void relabel_form(app_state& s);

// An enum option's label in the app's current language.
std::string option_label(const core::field_option& option);

}  // namespace profiledesk::app
