#include "profiledesk/core/validation.hpp"

#include "profiledesk/core/calendar.hpp"
#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/number_format.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/text_checks.hpp"
#include "profiledesk/core/utf8.hpp"
#include "profiledesk/core/value_formats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace profiledesk::core {
namespace {

using nlohmann::json;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string at_most_characters(std::size_t n) {
    return "Enter at most " + std::to_string(n) + (n == 1 ? " character." : " characters.");
}

// The checks every string shares: UTF-8, control characters, length.
// `multi_line` lets \n and \t through.
std::optional<std::string> check_text(std::string_view s, bool multi_line, std::size_t max_length) {
    if (!is_valid_utf8(s)) return "This text contains invalid characters.";
    if (const auto c = find_control_character(s, multi_line ? std::string_view("\n\t") : std::string_view())) {
        if (!multi_line && (*c == U'\n' || *c == U'\t' || *c == U'\r')) {
            return "Use a single line, without line breaks or tabs.";
        }
        return "Remove the invisible control characters.";
    }
    if (count_code_points(s) > max_length) return at_most_characters(max_length);
    return std::nullopt;
}

constexpr std::string_view required_message = "This field is required.";
constexpr std::string_view email_message = "Enter an email address, like name@example.com.";
constexpr std::string_view phone_message = "Enter a phone number in international format, like +44 20 7946 0958.";
constexpr std::string_view url_message =
    "Enter a web address starting with https:// or http://, like https://example.com.";
constexpr std::string_view date_format_message = "Enter a date as YYYY-MM-DD, like 1990-12-31.";
constexpr std::string_view date_missing_message = "This date does not exist; check the day and the month.";
constexpr std::string_view number_message = "Enter a number.";
constexpr std::string_view bool_message = "Choose yes or no.";
constexpr std::string_view enum_message = "Choose one of the options.";
constexpr std::string_view text_message = "Enter text.";
constexpr std::string_view pattern_message = "Enter a value in the expected format.";

std::optional<std::string> message(std::string_view m) { return std::string(m); }

// "Enter a number from 1 to 10." and its one-sided forms.
std::string range_message(std::string_view what, const std::optional<std::string>& min,
                          const std::optional<std::string>& max, std::string_view low, std::string_view high) {
    std::string m = "Enter ";
    m += what;
    if (min && max) {
        m += " from " + *min + " to " + *max;
    } else if (min) {
        m += ' ';
        m += low;
        m += ' ' + *min;
    } else {
        m += ' ';
        m += high;
        m += ' ' + *max;
    }
    return m + ".";
}

std::optional<std::string> validate_text_value(const field_def& field, const std::string& s) {
    if (auto problem = check_text(s, field.type == field_type::text, field.effective_max_length())) return problem;
    if (field.required && is_blank(s)) return message(required_message);
    switch (field.type) {
        case field_type::email:
            if (!is_valid_email(s)) return message(email_message);
            break;
        case field_type::phone:
            if (!is_valid_phone(s)) return message(phone_message);
            break;
        case field_type::url:
            if (!is_valid_web_url(s)) return message(url_message);
            break;
        default: break;
    }
    if (field.pattern) {
        // No matcher (a field built by hand, not by parse_schema): the value
        // cannot be shown to match.
        const bool matches = field.matcher && field.matcher->matches_whole(s);
        // The server has no person's language: the English text (localized_text.hpp's rule).
        if (!matches)
            return field.pattern_message ? resolve(*field.pattern_message, "en") : std::string(pattern_message);
    }
    return std::nullopt;
}

std::optional<std::string> validate_number(const field_def& field, const json& value) {
    if (!value.is_number()) return message(number_message);
    const double d = value.get<double>();
    if (!std::isfinite(d)) return message(number_message);
    if ((field.min && d < *field.min) || (field.max && d > *field.max)) {
        const auto text = [](const std::optional<double>& v) {
            return v ? std::optional<std::string>(number_to_text(*v)) : std::nullopt;
        };
        return range_message("a number", text(field.min), text(field.max), "of at least", "of at most");
    }
    return std::nullopt;
}

std::optional<std::string> validate_date(const field_def& field, const json& value) {
    if (!value.is_string()) return message(date_format_message);
    const auto& s = value.get_ref<const std::string&>();
    if (!parse_iso_date(s)) {
        // Well formed but not in the calendar (2023-02-29, 2024-04-31) gets its own message.
        const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                            std::all_of(s.begin(), s.begin() + 4, is_ascii_digit) && is_ascii_digit(s[5]) &&
                            is_ascii_digit(s[6]) && is_ascii_digit(s[8]) && is_ascii_digit(s[9]);
        return message(shaped ? date_missing_message : date_format_message);
    }
    // YYYY-MM-DD compares as text in calendar order.
    if ((field.min_date && s < *field.min_date) || (field.max_date && s > *field.max_date)) {
        return range_message("a date", field.min_date, field.max_date, "on or after", "on or before");
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> validate_field(const field_def& field, const json& value) {
    if (value.is_null()) return field.required ? message(required_message) : std::nullopt;
    switch (field.type) {
        case field_type::string:
        case field_type::text:
        case field_type::email:
        case field_type::phone:
        case field_type::url:
            if (!value.is_string()) {
                if (field.type == field_type::email) return message(email_message);
                if (field.type == field_type::phone) return message(phone_message);
                if (field.type == field_type::url) return message(url_message);
                return message(text_message);
            }
            return validate_text_value(field, value.get_ref<const std::string&>());
        case field_type::enumeration:
            if (!value.is_string() || !field.find_option(value.get_ref<const std::string&>())) {
                return message(enum_message);
            }
            return std::nullopt;
        case field_type::boolean:
            if (!value.is_boolean()) return message(bool_message);
            return std::nullopt;
        case field_type::date: return validate_date(field, value);
        case field_type::number: return validate_number(field, value);
    }
    return std::nullopt;
}

std::optional<std::string> validate_root_attribute(std::string_view name, const json& value) {
    // The limits and messages are the table's (root_attributes.hpp).
    const root_attribute* a = find_root_attribute(name);
    if (a == nullptr || !a->synced) return std::string("This field cannot be changed here.");
    if (a->value == root_value::picture_address) {
        if (!value.is_string()) return message(a->missing_message);
        const auto& s = value.get_ref<const std::string&>();
        if (auto problem = check_text(s, false, a->max_length)) return problem;
        if (!is_valid_web_url(s, true)) return message(a->missing_message);
        return std::nullopt;
    }
    if (value.is_null()) return message(a->missing_message);
    if (!value.is_string()) return message(text_message);
    const auto& s = value.get_ref<const std::string&>();
    if (auto problem = check_text(s, false, a->max_length)) return problem;
    if (is_blank(s)) return message(a->missing_message);
    return std::nullopt;
}

validation_report validate_changes(const field_schema& schema, const json& changes) {
    validation_report report;
    if (!changes.is_object()) {
        report.errors.emplace("changes", "Send the changes as a JSON object.");
        return report;
    }
    for (const auto& [key, value] : changes.items()) {
        // The five root attributes a person may edit are exactly the ones an
        // upstream identity provider syncs (edit_policy.hpp). Names are
        // compared exactly: "Name" is not "name".
        if (is_synced_root_attribute(key)) {
            if (auto problem = validate_root_attribute(key, value)) report.errors.emplace(key, std::move(*problem));
            continue;
        }
        if (key != "user_metadata") {
            report.not_allowed.push_back(key);
            continue;
        }
        if (!value.is_object()) {
            // null or {} for the whole object would wipe every key at Auth0.
            report.errors.emplace("user_metadata", "Send metadata changes as an object of fields.");
            continue;
        }
        for (const auto& [field_key, field_value] : value.items()) {
            const std::string id = metadata_field_id(field_key);
            const field_def* field = schema.find(field_key);
            if (!field) {
                report.not_allowed.push_back(id);
                continue;
            }
            if (auto problem = validate_field(*field, field_value)) report.errors.emplace(id, std::move(*problem));
        }
    }
    std::sort(report.not_allowed.begin(), report.not_allowed.end());
    return report;
}

}  // namespace profiledesk::core
