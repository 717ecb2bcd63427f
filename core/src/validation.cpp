#include "profiledesk/core/validation.hpp"

#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/root_attributes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

namespace profiledesk::core {
namespace {

using nlohmann::json;

// Decodes the code point starting at s[i] and advances i past it; nullopt
// (and i unchanged) on any ill-formed sequence. Table 3-7 of the Unicode
// standard: the second byte's range depends on the first byte, which rules
// out overlong forms, surrogates and code points above U+10FFFF.
std::optional<char32_t> decode(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;  // overlong
        if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;  // overlong
        if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return std::nullopt;  // continuation byte, C0/C1 (overlong), F5-FF
    }
    if (i + length > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char b = byte(i + k);
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return std::nullopt;
        cp = (cp << 6) | (b & 0x3F);
    }
    i += length;
    return cp;
}

bool is_space(char32_t c) {
    switch (c) {
    case U' ': case U'\t': case U'\n': case U'\v': case U'\f': case U'\r':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200B;
    }
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Any whitespace at all, Unicode spaces included. Expects valid UTF-8.
bool contains_space(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decode(s, i);
        if (!c) return true;  // not reached for valid input; refuse rather than loop
        if (is_space(*c)) return true;
    }
    return false;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A DNS-style name: labels of 1-63 bytes separated by dots, of letters,
// digits, '-', '_' (when allowed) or non-ASCII bytes (internationalised names),
// none starting or ending with '-'. `min_labels` 2 for email domains.
bool is_host_name(std::string_view host, std::size_t min_labels, bool allow_underscore) {
    if (host.empty() || host.size() > 253) return false;
    std::size_t labels = 0;
    std::string_view last;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = host.find('.', start);
        const std::string_view label = host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (const char c : label) {
            const bool ok = is_ascii_alnum(c) || c == '-' || (allow_underscore && c == '_') ||
                            static_cast<unsigned char>(c) >= 0x80;
            if (!ok) return false;
        }
        ++labels;
        last = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (labels < min_labels) return false;
    if (min_labels >= 2) {
        // A top-level domain has at least two characters and is never all digits.
        if (last.size() < 2 || std::all_of(last.begin(), last.end(), is_ascii_digit)) return false;
    }
    return true;
}

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::string format_number(double d) {
    if (std::trunc(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
    return json(d).dump();
}

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
constexpr std::string_view url_message = "Enter a web address starting with https:// or http://, like https://example.com.";
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
    default:
        break;
    }
    if (field.pattern) {
        // No matcher (a field built by hand, not by parse_schema): the value
        // cannot be shown to match.
        const bool matches = field.matcher && field.matcher->matches_whole(s);
        if (!matches) return field.pattern_message ? *field.pattern_message : std::string(pattern_message);
    }
    return std::nullopt;
}

std::optional<std::string> validate_number(const field_def& field, const json& value) {
    if (!value.is_number()) return message(number_message);
    const double d = value.get<double>();
    if (!std::isfinite(d)) return message(number_message);
    if ((field.min && d < *field.min) || (field.max && d > *field.max)) {
        const auto text = [](const std::optional<double>& v) {
            return v ? std::optional<std::string>(format_number(*v)) : std::nullopt;
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
                            std::all_of(s.begin(), s.begin() + 4, is_ascii_digit) &&
                            is_ascii_digit(s[5]) && is_ascii_digit(s[6]) && is_ascii_digit(s[8]) &&
                            is_ascii_digit(s[9]);
        return message(shaped ? date_missing_message : date_format_message);
    }
    // YYYY-MM-DD compares as text in calendar order.
    if ((field.min_date && s < *field.min_date) || (field.max_date && s > *field.max_date)) {
        return range_message("a date", field.min_date, field.max_date, "on or after", "on or before");
    }
    return std::nullopt;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (!decode(s, i)) return false;
    }
    return true;
}

std::size_t count_code_points(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decode(s, i);
        if (!c || !is_space(*c)) return false;
    }
    return true;
}

std::optional<char32_t> find_control_character(std::string_view s, std::string_view allowed) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decode(s, i);
        if (!c) {
            ++i;  // invalid input: skip the byte rather than stop
            continue;
        }
        if (is_control(*c) && !(*c < 0x80 && allowed.find(static_cast<char>(*c)) != std::string_view::npos)) {
            return *c;
        }
    }
    return std::nullopt;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<calendar_date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto number = [&](std::size_t from, std::size_t count) {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (!is_ascii_digit(s[i])) return -1;
            n = n * 10 + (s[i] - '0');
        }
        return n;
    };
    calendar_date d{number(0, 4), number(5, 2), number(8, 2)};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int in_month = days[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && is_leap_year(d.year) ? 1 : 0);
    if (d.day > in_month) return std::nullopt;
    return d;
}

bool is_valid_email(std::string_view s) {
    if (s.size() > 254 || !is_valid_utf8(s) || contains_space(s) || find_control_character(s)) return false;
    const std::size_t at = s.find('@');
    if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    if (local.empty() || local.size() > 64) return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    if (local.find_first_of("\"(),:;<>[\\]") != std::string_view::npos) return false;
    return is_host_name(domain, 2, false);
}

bool is_valid_phone(std::string_view s) {
    if (s.size() < 2 || s.front() != '+') return false;
    std::size_t digits = 0;
    bool after_separator = false;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const char c = s[i];
        if (is_ascii_digit(c)) {
            if (digits == 0 && c == '0') return false;  // no country code starts with 0
            ++digits;
            after_separator = false;
        } else if (c == ' ' || c == '-') {
            // Only between two digits, and one at a time.
            if (digits == 0 || after_separator) return false;
            after_separator = true;
        } else {
            return false;
        }
    }
    return !after_separator && digits >= 8 && digits <= 15;
}

std::string phone_digits(std::string_view s) {
    std::string out = "+";
    for (const char c : s) {
        if (is_ascii_digit(c)) out += c;
    }
    return out;
}

bool is_valid_web_url(std::string_view s, bool https_only) {
    if (!is_valid_utf8(s) || contains_space(s) || find_control_character(s)) return false;
    std::size_t scheme_length = 0;
    if (starts_with_ignoring_case(s, "https://")) {
        scheme_length = 8;
    } else if (!https_only && starts_with_ignoring_case(s, "http://")) {
        scheme_length = 7;
    } else {
        return false;
    }
    // Characters a URL never carries unencoded, and that make one ambiguous
    // between parsers ('\\' is a path separator to browsers).
    if (s.find_first_of("\"<>\\`") != std::string_view::npos) return false;
    const std::string_view rest = s.substr(scheme_length);
    const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority.find('@') != std::string_view::npos) return false;  // no user:password@

    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return false;
        const std::string_view address = authority.substr(1, close - 1);
        if (address.find(':') == std::string_view::npos ||
            address.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
            return false;
        }
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return false;
            port = after.substr(1);
            if (port.empty()) return false;
        }
    } else {
        const std::size_t colon = authority.find(':');
        if (colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
            if (port.empty()) return false;
        }
        if (!is_host_name(host, 1, true)) return false;
    }
    if (!port.empty()) {
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(), is_ascii_digit)) return false;
        const int n = std::stoi(std::string(port));
        if (n < 1 || n > 65535) return false;
    }
    return true;
}

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
    case field_type::date:
        return validate_date(field, value);
    case field_type::number:
        return validate_number(field, value);
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
