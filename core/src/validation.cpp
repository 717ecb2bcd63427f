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

namespace code = validation_code;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

using problem = std::optional<validation_problem>;

problem fail(std::string_view c) { return validation_problem{std::string(c), {}, std::nullopt}; }

// The checks every string shares: UTF-8, control characters, length.
// `multi_line` lets \n and \t through.
problem check_text(std::string_view s, bool multi_line, std::size_t max_length) {
    if (!is_valid_utf8(s)) return fail(code::invalid_utf8);
    if (const auto c = find_control_character(s, multi_line ? std::string_view("\n\t") : std::string_view())) {
        if (!multi_line && (*c == U'\n' || *c == U'\t' || *c == U'\r')) return fail(code::single_line);
        return fail(code::control_characters);
    }
    if (count_code_points(s) > max_length) {
        return validation_problem{std::string(code::too_long), {{"max", std::to_string(max_length)}}, std::nullopt};
    }
    return std::nullopt;
}

// Out of [min, max]: the two-sided code, or the one-sided one for the bound there is.
problem out_of_range(std::string_view both, std::string_view low, std::string_view high,
                     const std::optional<std::string>& min, const std::optional<std::string>& max) {
    validation_problem p{std::string(min && max ? both : min ? low : high), {}, std::nullopt};
    if (min) p.args.emplace("min", *min);
    if (max) p.args.emplace("max", *max);
    return p;
}

problem check_text_value(const field_def& field, const std::string& s) {
    if (auto p = check_text(s, field.type == field_type::text, field.effective_max_length())) return p;
    if (field.required && is_blank(s)) return fail(code::required);
    switch (field.type) {
        case field_type::email:
            if (!is_valid_email(s)) return fail(code::email);
            break;
        case field_type::phone:
            if (!is_valid_phone(s)) return fail(code::phone);
            break;
        case field_type::url:
            if (!is_valid_web_url(s)) return fail(code::url);
            break;
        default: break;
    }
    if (field.pattern) {
        // No matcher (a field built by hand, not by parse_schema): the value
        // cannot be shown to match.
        const bool matches = field.matcher && field.matcher->matches_whole(s);
        if (!matches) {
            auto p = fail(code::pattern);
            if (field.pattern_message) p->schema_message = *field.pattern_message;
            return p;
        }
    }
    return std::nullopt;
}

problem check_number(const field_def& field, const json& value) {
    if (!value.is_number()) return fail(code::number);
    const double d = value.get<double>();
    if (!std::isfinite(d)) return fail(code::number);
    if ((field.min && d < *field.min) || (field.max && d > *field.max)) {
        const auto text = [](const std::optional<double>& v) {
            return v ? std::optional<std::string>(number_to_text(*v)) : std::nullopt;
        };
        return out_of_range(code::number_range, code::number_min, code::number_max, text(field.min), text(field.max));
    }
    return std::nullopt;
}

problem check_date(const field_def& field, const json& value) {
    if (!value.is_string()) return fail(code::date_format);
    const auto& s = value.get_ref<const std::string&>();
    if (!parse_iso_date(s)) {
        // Well formed but not in the calendar (2023-02-29, 2024-04-31) gets its own message.
        const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                            std::all_of(s.begin(), s.begin() + 4, is_ascii_digit) && is_ascii_digit(s[5]) &&
                            is_ascii_digit(s[6]) && is_ascii_digit(s[8]) && is_ascii_digit(s[9]);
        return fail(shaped ? code::date_missing : code::date_format);
    }
    // YYYY-MM-DD compares as text in calendar order.
    if ((field.min_date && s < *field.min_date) || (field.max_date && s > *field.max_date)) {
        return out_of_range(code::date_range, code::date_min, code::date_max, field.min_date, field.max_date);
    }
    return std::nullopt;
}

std::optional<std::string> english(const problem& p) {
    return p ? std::optional<std::string>(english_message(*p)) : std::nullopt;
}

}  // namespace

problem check_field(const field_def& field, const json& value) {
    if (value.is_null()) return field.required ? fail(code::required) : std::nullopt;
    switch (field.type) {
        case field_type::string:
        case field_type::text:
        case field_type::email:
        case field_type::phone:
        case field_type::url:
            if (!value.is_string()) {
                if (field.type == field_type::email) return fail(code::email);
                if (field.type == field_type::phone) return fail(code::phone);
                if (field.type == field_type::url) return fail(code::url);
                return fail(code::text);
            }
            return check_text_value(field, value.get_ref<const std::string&>());
        case field_type::enumeration:
            if (!value.is_string() || !field.find_option(value.get_ref<const std::string&>())) {
                return fail(code::enumeration);
            }
            return std::nullopt;
        case field_type::boolean:
            if (!value.is_boolean()) return fail(code::boolean);
            return std::nullopt;
        case field_type::date: return check_date(field, value);
        case field_type::number: return check_number(field, value);
    }
    return std::nullopt;
}

problem check_root_attribute(std::string_view name, const json& value) {
    // The limits and codes are the table's (root_attributes.hpp).
    const root_attribute* a = find_root_attribute(name);
    if (a == nullptr || !a->synced) return fail(code::read_only);
    if (a->value == root_value::picture_address) {
        if (!value.is_string()) return fail(a->missing_code);
        const auto& s = value.get_ref<const std::string&>();
        if (auto p = check_text(s, false, a->max_length)) return p;
        if (!is_valid_web_url(s, true)) return fail(a->missing_code);
        return std::nullopt;
    }
    if (value.is_null()) return fail(a->missing_code);
    if (!value.is_string()) return fail(code::text);
    const auto& s = value.get_ref<const std::string&>();
    if (auto p = check_text(s, false, a->max_length)) return p;
    if (is_blank(s)) return fail(a->missing_code);
    return std::nullopt;
}

std::optional<std::string> validate_field(const field_def& field, const json& value) {
    return english(check_field(field, value));
}

std::optional<std::string> validate_root_attribute(std::string_view name, const json& value) {
    return english(check_root_attribute(name, value));
}

validation_report validate_changes(const field_schema& schema, const json& changes) {
    validation_report report;
    const auto found = [&report](std::string id, problem p) {
        if (!p) return;
        report.errors.emplace(id, english_message(*p));
        report.problems.emplace(std::move(id), std::move(*p));
    };
    if (!changes.is_object()) {
        found("changes", fail(code::changes_not_object));
        return report;
    }
    for (const auto& [key, value] : changes.items()) {
        // The five root attributes a person may edit are exactly the ones an
        // upstream identity provider syncs (edit_policy.hpp). Names are
        // compared exactly: "Name" is not "name".
        if (is_synced_root_attribute(key)) {
            found(key, check_root_attribute(key, value));
            continue;
        }
        if (key != "user_metadata") {
            report.not_allowed.push_back(key);
            continue;
        }
        if (!value.is_object()) {
            // null or {} for the whole object would wipe every key at Auth0.
            found("user_metadata", fail(code::metadata_not_object));
            continue;
        }
        for (const auto& [field_key, field_value] : value.items()) {
            const std::string id = metadata_field_id(field_key);
            const field_def* field = schema.find(field_key);
            if (!field) {
                report.not_allowed.push_back(id);
                continue;
            }
            found(id, check_field(*field, field_value));
        }
    }
    std::sort(report.not_allowed.begin(), report.not_allowed.end());
    return report;
}

}  // namespace profiledesk::core
