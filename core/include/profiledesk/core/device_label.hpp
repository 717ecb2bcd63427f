// "Where you're signed in" names each session by the browser and operating
// system that signed in (core/sessions_view.hpp's `device`), read from the
// User-Agent at sign-in. Only the label is kept, never the User-Agent itself:
// it says enough to tell one's own devices apart, and nothing a person did
// not choose to show.
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::core {

// "Chrome on Windows", "Safari on iPhone", "Firefox on Linux"; the browser
// alone ("Firefox") or "A browser on Android" when only one of the two is
// known; "Unknown device" when the User-Agent names neither (a script, an
// empty header). Substring tests in a fixed order, since every browser's
// User-Agent also names those it grew from ("Edg/" comes with "Chrome/" and
// "Safari/").
std::string device_label(std::string_view user_agent);

inline constexpr std::string_view unknown_device = "Unknown device";

}  // namespace profiledesk::core
