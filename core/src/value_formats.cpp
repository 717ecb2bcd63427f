#include "profiledesk/core/value_formats.hpp"

#include "profiledesk/core/text_checks.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <string>

namespace profiledesk::core {
namespace {

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

}  // namespace

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

}  // namespace profiledesk::core
