#include "profiledesk/core/password_policy.hpp"

#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <array>

namespace profiledesk::core {

namespace {

constexpr std::array<std::string_view, 5> level_names = {"none", "low", "fair", "good", "excellent"};

// password-sheriff's specialCharacters.
constexpr std::string_view special_characters = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

std::size_t level_length(password_level level) {
    switch (level) {
        case password_level::none: return 1;
        case password_level::low: return 6;
        case password_level::fair:
        case password_level::good: return 8;
        case password_level::excellent: return 10;
    }
    return 1;
}

bool has(std::u32string_view s, bool (*kind)(char32_t)) { return std::any_of(s.begin(), s.end(), kind); }
bool is_lower(char32_t c) { return c >= U'a' && c <= U'z'; }
bool is_upper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_special(char32_t c) {
    return c < 0x80 && special_characters.find(static_cast<char>(c)) != std::string_view::npos;
}

bool has_triple(std::u32string_view s) {
    for (std::size_t i = 2; i < s.size(); ++i) {
        if (s[i] == s[i - 1] && s[i] == s[i - 2]) return true;
    }
    return false;
}

}  // namespace

std::string_view password_level_name(password_level level) { return level_names[static_cast<std::size_t>(level)]; }

std::optional<password_level> parse_password_level(std::string_view name) {
    for (std::size_t i = 0; i < level_names.size(); ++i) {
        if (level_names[i] == name) return static_cast<password_level>(i);
    }
    return std::nullopt;
}

std::vector<password_rule> password_rules(const password_policy& policy) {
    std::vector<password_rule> rules{{"length", policy.min_length.value_or(level_length(policy.level))},
                                     {"max_bytes", max_password_bytes}};
    switch (policy.level) {
        case password_level::none:
        case password_level::low: break;
        case password_level::fair:
            rules.push_back({"lower", 1});
            rules.push_back({"upper", 1});
            rules.push_back({"digit", 1});
            break;
        case password_level::good: rules.push_back({"kinds", 3}); break;
        case password_level::excellent:
            rules.push_back({"kinds", 3});
            rules.push_back({"no_triples", 0});
            break;
    }
    return rules;
}

std::vector<password_rule> unmet_password_rules(const password_policy& policy, std::string_view password) {
    const std::optional<std::u32string> decoded = decode_utf8(password);
    const std::u32string chars = decoded.value_or(std::u32string());
    std::vector<password_rule> unmet;
    for (const password_rule& rule : password_rules(policy)) {
        bool ok = true;
        if (rule.id == "length") {
            ok = decoded && chars.size() >= rule.min;
        } else if (rule.id == "max_bytes") {
            ok = password.size() <= rule.min;
        } else if (rule.id == "lower") {
            ok = has(chars, is_lower);
        } else if (rule.id == "upper") {
            ok = has(chars, is_upper);
        } else if (rule.id == "digit") {
            ok = has(chars, is_digit);
        } else if (rule.id == "kinds") {
            const std::size_t kinds = std::size_t{has(chars, is_lower)} + has(chars, is_upper) + has(chars, is_digit) +
                                      has(chars, is_special);
            ok = kinds >= rule.min;
        } else if (rule.id == "no_triples") {
            ok = !has_triple(chars);
        }
        if (!ok) unmet.push_back(rule);
    }
    return unmet;
}

}  // namespace profiledesk::core
