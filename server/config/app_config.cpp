#include "config/app_config.hpp"

#include "config/settings_table.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

namespace profiledesk::config {
namespace {

using env_map = std::map<std::string, std::string>;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool valid_key(std::string_view key) {
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
    return std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// After a closing quote only blanks or a comment may follow.
bool only_comment_left(std::string_view rest) {
    rest = trim(rest);
    return rest.empty() || rest.front() == '#';
}

}  // namespace

bool app_config::https() const {
    const auto url = http::parse_absolute_url(base_url);
    return url && url->scheme == "https";
}

std::string app_config::origin() const {
    const auto url = http::parse_absolute_url(base_url);
    return url ? url->origin() : std::string();
}

std::string app_config::session_store_shown() const { return redis ? redis::redacted(*redis) : session_store; }

config_result load_config(const env_map& env) {
    config_result result;
    app_config& c = result.config;
    auto& problems = result.problems;
    std::set<std::string> given, refused;  // settings set, and those whose value was refused

    // Each setting through its entry: its value, or its default when unset.
    for (const auto& s : settings()) {
        const auto it = env.find(s.name);
        if (it == env.end() || (it->second.empty() && !s.empty_is_value)) {
            if (s.required) {
                problems.push_back(s.name + " is missing: set it to " + s.hint + ", e.g. " + s.name + "=" + s.example);
            } else if (!s.default_value.empty()) {
                if (auto p = s.read(s.default_value, c); !p.empty()) problems.push_back("built-in default: " + p);
            }
            continue;
        }
        given.insert(s.name);
        if (auto p = s.read(it->second, c); !p.empty()) {
            problems.push_back(std::move(p));
            refused.insert(s.name);
        }
    }
    const auto is_given = [&](const char* name) { return given.count(name) > 0; };

    // Rules across settings (settings_table.cpp states them in each meaning).
    // MGMT_CLIENT_ID, MGMT_CLIENT_SECRET: both or neither; neither uses the application's.
    if (is_given("MGMT_CLIENT_ID") && !is_given("MGMT_CLIENT_SECRET")) {
        problems.push_back(
            "MGMT_CLIENT_SECRET is missing while MGMT_CLIENT_ID is set: set the machine-to-machine "
            "app's secret too, e.g. MGMT_CLIENT_SECRET=<its client secret>, or unset both to use "
            "CLIENT_ID and CLIENT_SECRET");
    } else if (is_given("MGMT_CLIENT_SECRET") && !is_given("MGMT_CLIENT_ID")) {
        problems.push_back(
            "MGMT_CLIENT_ID is missing while MGMT_CLIENT_SECRET is set: set the machine-to-machine "
            "app's client ID too, e.g. MGMT_CLIENT_ID=Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0, or unset both "
            "to use CLIENT_ID and CLIENT_SECRET");
    }
    if (!is_given("MGMT_CLIENT_ID")) c.mgmt_client_id = c.client_id;
    if (!is_given("MGMT_CLIENT_SECRET")) c.mgmt_client_secret = c.client_secret;
    if (!is_given("MGMT_AUDIENCE") && !c.issuer_base_url.empty()) c.mgmt_audience = c.issuer_base_url + "/api/v2/";

    // Behind trusted proxies every connection comes from a proxy: the proxies
    // are the clients then, and a per-client cap would starve them all.
    if (c.trusted_proxies > 0 && !is_given("MAX_CONNECTIONS_PER_CLIENT")) c.max_connections_per_client = 0;

    // MAIL_FROM with MAIL_URL; DEV_OUTBOX only for a file: outbox on plain http (development).
    if (c.mail && !is_given("MAIL_FROM") && !refused.count("MAIL_FROM")) {
        problems.push_back(
            "MAIL_FROM is missing while MAIL_URL is set: set the address mail comes from, e.g. "
            "MAIL_FROM=no-reply@profile.example.com");
    }
    if (c.dev_outbox && c.https()) {
        problems.push_back(
            "DEV_OUTBOX=true with an https BASE_URL: the outbox page is for development only, set "
            "DEV_OUTBOX=false");
    } else if (c.dev_outbox && (!c.mail || c.mail->scheme != mail::mail_url::kind::file)) {
        problems.push_back(
            "DEV_OUTBOX=true needs MAIL_URL=file:DIR (the outbox it lists), e.g. MAIL_URL=file:.cache/outbox, or "
            "set DEV_OUTBOX=false");
    }

    // SESSION_IDLE_TIMEOUT <= SESSION_ABSOLUTE_TIMEOUT (one alone is checked against the other's default).
    if (!refused.count("SESSION_IDLE_TIMEOUT") && !refused.count("SESSION_ABSOLUTE_TIMEOUT") &&
        c.session_idle > c.session_absolute) {
        problems.push_back("SESSION_IDLE_TIMEOUT (" + std::to_string(c.session_idle.count()) +
                           " s) is longer than SESSION_ABSOLUTE_TIMEOUT (" +
                           std::to_string(c.session_absolute.count()) +
                           " s): make it shorter or equal, e.g. SESSION_IDLE_TIMEOUT=1800 "
                           "SESSION_ABSOLUTE_TIMEOUT=43200");
    }
    return result;
}

std::map<std::string, std::string> read_env_file(const std::string& path, std::vector<std::string>& problems) {
    env_map values;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return values;  // no .env is the normal case
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
        problems.push_back(path + ": cannot be read: make it a readable KEY=VALUE file, or remove it");
        return values;
    }

    std::map<std::string, std::size_t> first_line;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string_view text(line);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
        text = trim(text);
        if (text.empty() || text.front() == '#') continue;
        if (text.substr(0, 7) == "export " || text.substr(0, 7) == "export\t") text = trim(text.substr(7));

        const auto where = path + ":" + std::to_string(number) + ": ";
        const auto eq = text.find('=');
        const auto key = trim(text.substr(0, eq));
        if (eq == std::string_view::npos || !valid_key(key)) {
            problems.push_back(where + "expected KEY=VALUE with KEY made of letters, digits and _, e.g. PORT=8080");
            continue;
        }
        auto raw = trim(text.substr(eq + 1));
        std::string value;
        bool ok = true;
        if (!raw.empty() && raw.front() == '"') {
            std::size_t i = 1;
            for (; i < raw.size() && raw[i] != '"'; ++i) {
                if (raw[i] == '\\' && i + 1 < raw.size()) {
                    const char next = raw[++i];
                    value += next == 'n' ? '\n' : next;
                } else {
                    value += raw[i];
                }
            }
            ok = i < raw.size() && only_comment_left(raw.substr(i + 1));
        } else if (!raw.empty() && raw.front() == '\'') {
            const auto close = raw.find('\'', 1);
            ok = close != std::string_view::npos && only_comment_left(raw.substr(close + 1));
            if (ok) value = std::string(raw.substr(1, close - 1));
        } else {
            // An unquoted value ends where a comment starts (" #"); a '#'
            // inside a value, as in a generated secret, stays.
            auto end = raw.size();
            for (std::size_t i = 1; i < raw.size(); ++i) {
                if (raw[i] == '#' && (raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
                    end = i;
                    break;
                }
            }
            value = std::string(trim(raw.substr(0, end)));
        }
        if (!ok) {
            problems.push_back(where + std::string(key) +
                               ": the quoted value is not closed on its line (or text follows the closing quote): "
                               "e.g. " +
                               std::string(key) + "=\"value\"");
            continue;
        }
        const auto [it, inserted] = first_line.emplace(std::string(key), number);
        if (!inserted) {
            problems.push_back(where + std::string(key) + " is set again (first on line " + std::to_string(it->second) +
                               "): keep one of the two");
            continue;
        }
        values[std::string(key)] = std::move(value);
    }
    return values;
}

std::map<std::string, std::string> merge_env(const std::map<std::string, std::string>& process_env,
                                             const std::map<std::string, std::string>& file_env) {
    env_map merged = file_env;
    // An empty variable counts as unset (as in load_config and scripts/run),
    // so an exported-but-empty one does not hide the file's value.
    for (const auto& [key, value] : process_env) {
        if (!value.empty() || merged.count(key) == 0) merged[key] = value;
    }
    return merged;
}

}  // namespace profiledesk::config
