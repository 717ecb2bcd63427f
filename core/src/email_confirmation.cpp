#include "profiledesk/core/email_confirmation.hpp"

namespace profiledesk::core {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool confirms_email(std::string_view typed, std::string_view email) {
    typed = trimmed(typed);
    if (email.empty() || typed.size() != email.size()) return false;
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || typed.rfind('@') != at) return false;
    if (typed.substr(0, at) != email.substr(0, at)) return false;
    for (std::size_t i = at; i < email.size(); ++i) {
        if (ascii_lower(typed[i]) != ascii_lower(email[i])) return false;
    }
    return true;
}

}  // namespace profiledesk::core
