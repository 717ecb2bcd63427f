// The formats behind the schema's email, phone and url types, without
// messages (validation.hpp states each rule and gives the messages).
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::core {

bool is_valid_email(std::string_view s);
bool is_valid_phone(std::string_view s);
// `https_only` refuses http:// (for picture).
bool is_valid_web_url(std::string_view s, bool https_only = false);
// "+44 20 7946-0958" -> "+442079460958"; the input must be is_valid_phone.
std::string phone_digits(std::string_view s);

}  // namespace profiledesk::core
