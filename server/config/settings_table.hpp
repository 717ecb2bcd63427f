// Every setting of profiledesk, declared once: its name, group, type, the rule
// a value must follow, its default, what it means and an example. The rest
// comes from this table: load_config reads each setting through its entry
// (app_config.cpp), the problem lines quote its rule and example,
// `profiledesk --help`, the README's settings section and
// deploy/profiledesk.env.example are rendered from it (settings_docs.hpp), and
// a unit test fails when the README or the example file disagree with it.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::config {

struct app_config;

struct setting {
    std::string name;   // the environment variable, e.g. "PORT"
    std::string group;  // the heading it is listed under, e.g. "Network"
    std::string type;   // the kind of value, for people: "URL", "seconds", "number", "true or false", ...
    std::string rule;   // what a value must be, e.g. "1 to 65535"; checked by `read`
    // Loaded through `read` when the variable is unset (or empty); "" = none
    // (the field stays empty, zero or off).
    std::string default_value;
    // How the documentation states a default that is not one value, e.g.
    // "`CLIENT_ID`" or "128 below the open-file limit" (load_config derives it).
    std::string default_text;
    std::string meaning;  // a sentence or a few; `code` in backticks
    std::string example;  // a valid value (for secrets, a placeholder that says what to paste)
    // "set it to <hint>" in problem lines, e.g. "your tenant's URL".
    std::string hint;
    bool required = false;  // unset is a problem line
    bool secret = false;    // its value never appears: not in problem lines, logs or help
    // Set but empty is a value of its own (METRICS_ADDRESS= turns the
    // listener off), not "unset" as for the other settings.
    bool empty_is_value = false;
    // Checks a value and stores it into the config: answers the problem line
    // (it names the setting and gives an example), or "" when the value is good.
    std::function<std::string(const std::string& value, app_config& config)> read;
};

// The settings in the order the documentation lists them (grouped).
const std::vector<setting>& settings();

// The entry named `name`, or nullptr.
const setting* find_setting(std::string_view name);

// A value quoted for a problem line: control characters replaced by '?', cut
// at 100 characters, so the line is safe for a terminal or a log. Never
// called for a secret setting's value.
std::string shown(std::string_view value);

}  // namespace profiledesk::config
