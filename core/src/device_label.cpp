#include "profiledesk/core/device_label.hpp"

#include <array>
#include <utility>

namespace profiledesk::core {

namespace {

using marker = std::pair<std::string_view, std::string_view>;  // (in the User-Agent, the label)

// First match wins: browsers built on another one name it too, so the
// derived ones come first (Edge and Opera say "Chrome", Chrome says "Safari").
constexpr std::array<marker, 12> browsers = {{
    {"Edg/", "Edge"},
    {"EdgA/", "Edge"},
    {"EdgiOS/", "Edge"},
    {"OPR/", "Opera"},
    {"SamsungBrowser/", "Samsung Internet"},
    {"Firefox/", "Firefox"},
    {"FxiOS/", "Firefox"},
    {"CriOS/", "Chrome"},
    {"Chromium/", "Chromium"},
    {"Chrome/", "Chrome"},
    {"Version/", "Safari"},  // Safari's own version token; WebViews lack it
    {"Safari/", "Safari"},
}};

// iPhone and iPad before macOS ("like Mac OS X"), Android before Linux.
constexpr std::array<marker, 8> systems = {{
    {"iPhone", "iPhone"},
    {"iPad", "iPad"},
    {"Android", "Android"},
    {"CrOS", "ChromeOS"},
    {"Windows", "Windows"},
    {"Macintosh", "macOS"},
    {"Mac OS X", "macOS"},
    {"Linux", "Linux"},
}};

template <std::size_t N>
std::string_view first_match(std::string_view user_agent, const std::array<marker, N>& table) {
    for (const auto& [needle, label] : table) {
        if (user_agent.find(needle) != std::string_view::npos) return label;
    }
    return {};
}

}  // namespace

std::string device_label(std::string_view user_agent) {
    const auto browser = first_match(user_agent, browsers);
    const auto system = first_match(user_agent, systems);
    if (!browser.empty() && !system.empty()) return std::string(browser) + " on " + std::string(system);
    if (!browser.empty()) return std::string(browser);
    if (!system.empty()) return "A browser on " + std::string(system);
    return std::string(unknown_device);
}

}  // namespace profiledesk::core
