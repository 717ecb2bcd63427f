// The browser side of the app's language (wasm/js/i18n.js): the catalogs
// (/web/i18n/<tag>.json, fetched once per page, shell/loader.js's prefetch
// reused), this browser's choice (localStorage), navigator.languages, the
// page's <html lang dir> and the mirror's, and Intl for dates and numbers.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace profiledesk::app::platform {

// localStorage[`key`] ("" when none).
std::string stored_language(const char* key);
void store_language(const char* key, const std::string& tag);
// navigator.languages, in order.
std::vector<std::string> navigator_languages();

// en.json's and `tag`'s catalog texts ("" for one that could not be
// fetched, which the console shows); `done` runs once, on the main thread.
void load_catalogs(const std::string& tag, std::function<void(std::string english, std::string own)> done);

// <html lang dir> and #form-mirror's; dates and numbers follow `tag` from now on.
void set_page_language(const std::string& tag, const std::string& dir);

// app/formats.hpp's functions by the browser's Intl, in the page's language.
void install_intl_formats();

}  // namespace profiledesk::app::platform
