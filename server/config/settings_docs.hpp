// The settings table (settings_table.hpp) rendered for people: the settings
// part of `profiledesk --help`, the README's settings section and the
// environment file deploy/profiledesk.env.example. scripts/settings-docs
// writes the last two (through `profiledesk --settings-markdown` and
// `--settings-env`); a unit test fails when the files in the repository differ.
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::config {

// The lines around the README's generated section; what lies between them is settings_markdown().
constexpr std::string_view markdown_begin =
    "<!-- settings:begin: generated from server/config/settings_table.cpp by scripts/settings-docs, do not edit -->";
constexpr std::string_view markdown_end = "<!-- settings:end -->";

// Every setting by group, wrapped for an 80-column terminal.
std::string settings_help();

// markdown_begin, a table per group, markdown_end (each line ending in '\n').
std::string settings_markdown();

// An environment file (systemd's EnvironmentFile=, or .env) listing every
// setting with its meaning: required ones set to their example (secrets
// left empty, so that the server refuses to start until they are filed in),
// the others commented out with an example value.
std::string settings_env_example();

}  // namespace profiledesk::config
