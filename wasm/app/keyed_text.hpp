// A text the state keeps by its catalog key (and arguments), not as words:
// looked up each time it is shown, so it follows a language switch and the
// catalog's arrival after it was set (the status line set at start-up is
// made before any catalog has loaded).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace profiledesk::app {

struct keyed_text {
    std::string key;  // "" for no text
    std::vector<std::pair<std::string, std::string>> args;

    keyed_text() = default;
    keyed_text(std::string k, std::vector<std::pair<std::string, std::string>> a = {})
        : key(std::move(k)), args(std::move(a)) {}

    bool empty() const { return key.empty(); }
    // tr(key, args) in the current language; "" for no text.
    std::string shown() const;

    bool operator==(const keyed_text& o) const { return key == o.key && args == o.args; }
};

}  // namespace profiledesk::app
