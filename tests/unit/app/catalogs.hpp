// The app's tests run with the English catalog the page loads
// (web/i18n/en.json, read via PD_SOURCE_DIR), set afresh before each test
// case (catalogs.cpp), so what a test reads is what a person reads. A test
// may switch to another language with use_catalog.
#pragma once

#include "profiledesk/core/messages.hpp"

#include <string>
#include <string_view>

namespace catalogs {

// web/i18n/en.json, parsed once.
const profiledesk::core::message_catalog& english();

// Makes `language` current with `own_json` as its catalog over English.
void use_catalog(const std::string& language, std::string_view own_json);

}  // namespace catalogs
