// The browser services "Your devices and your account" needs
// (wasm/js/devices.js): saving the data export as a file, and the clock and
// time zone for dates.
#pragma once

#include "net/api_result.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace profiledesk::app::platform {

// GET `url` and have the browser save a 2xx answer as a file (the name the
// server's Content-Disposition gives); `done` gets the answer, its body only
// when it failed. Exactly once, on the main thread.
void download_file(const std::string& url, std::function<void(net::api_result)> done);

// The browser's clock (Unix seconds) and its time zone (minutes east of UTC).
std::int64_t unix_now();
int utc_offset_minutes();

}  // namespace profiledesk::app::platform
