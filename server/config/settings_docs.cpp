#include "config/settings_docs.hpp"

#include "config/settings_table.hpp"

#include <sstream>
#include <vector>

namespace profiledesk::config {
namespace {

// Markdown's `code` marks, dropped where the text is plain (help, env file).
std::string plain(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != '`') out += c;
    }
    return out;
}

// `text` in lines of at most `width` characters, each starting with `indent`.
std::string wrapped(const std::string& text, std::size_t width, const std::string& indent) {
    std::istringstream words(text);
    std::string out, line, word;
    while (words >> word) {
        if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out += indent + line + "\n";
    return out;
}

// "required", "`8080`", "`64`; none behind ...", "the system's store", or "none".
std::string default_markdown(const setting& s) {
    if (s.required) return "required";
    std::string out;
    if (!s.default_value.empty()) out = "`" + s.default_value + "`";
    if (!s.default_text.empty()) out += (out.empty() ? "" : "; ") + s.default_text;
    return out.empty() ? "none" : out;
}

std::string cell(const std::string& text) {
    std::string out;
    for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

// The groups in table order, each once.
std::vector<std::string> groups() {
    std::vector<std::string> out;
    for (const auto& s : settings()) {
        if (out.empty() || out.back() != s.group) out.push_back(s.group);
    }
    return out;
}

}  // namespace

std::string settings_help() {
    std::string out;
    for (const auto& group : groups()) {
        out += "\n" + group + ":\n";
        for (const auto& s : settings()) {
            if (s.group != group) continue;
            out += "  " + s.name + "  (" + (s.required ? "required" : "default: " + plain(default_markdown(s))) + ")\n";
            out += wrapped(plain(s.meaning), 79, "      ");
            out += wrapped(s.type + ": " + s.rule + ". E.g. " + s.name + "=" + s.example, 79, "      ");
        }
    }
    return out;
}

std::string settings_markdown() {
    std::string out = std::string(markdown_begin) + "\n";
    for (const auto& group : groups()) {
        out += "\n**" + group + "**\n\n";
        out += "| variable | meaning | value | default | example |\n|---|---|---|---|---|\n";
        for (const auto& s : settings()) {
            if (s.group != group) continue;
            out += "| `" + s.name + "` | " + cell(s.meaning) + " | " + cell(s.type + ": " + s.rule) + " | " +
                   cell(default_markdown(s)) + " | `" + cell(s.example) + "` |\n";
        }
    }
    return out + "\n" + std::string(markdown_end) + "\n";
}

std::string settings_env_example() {
    std::string out =
        "# Profile Desk's settings, for systemd's EnvironmentFile= (docs/deploy.md) or a .env file.\n"
        "# Generated from server/config/settings_table.cpp by scripts/settings-docs: do not edit here.\n"
        "# Required settings are set (secrets left empty: fill them in); the others are commented out\n"
        "# with an example and take their default. Keep this file readable by root only.\n";
    for (const auto& group : groups()) {
        out += "\n# ---- " + group + " ----\n";
        for (const auto& s : settings()) {
            if (s.group != group) continue;
            out += "\n# " + s.name + " (" + (s.required ? "required" : "default: " + plain(default_markdown(s))) +
                   ")\n";
            out += wrapped(plain(s.meaning), 100, "# ");
            out += wrapped(s.type + ": " + s.rule + ".", 100, "# ");
            if (s.required) {
                out += s.secret ? "# e.g. " + s.name + "=" + s.example + "\n" + s.name + "=\n"
                                : s.name + "=" + s.example + "\n";
            } else {
                out += "#" + s.name + "=" + s.example + "\n";
            }
        }
    }
    return out;
}

}  // namespace profiledesk::config
