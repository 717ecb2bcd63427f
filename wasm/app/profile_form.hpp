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
std::optional<loaded_profile> read_profile(const nlohmann::json& answer, std::string& problem);

}  // namespace profiledesk::app
