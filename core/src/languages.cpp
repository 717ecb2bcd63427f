#include "profiledesk/core/languages.hpp"

#include <algorithm>
#include <cctype>

namespace profiledesk::core {
namespace {

bool same_ascii_ci(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view primary_subtag(std::string_view tag) { return tag.substr(0, tag.find_first_of("-_")); }

// The tag to use for `wanted`, when it is one we can show.
std::optional<std::string> usable(std::string_view wanted) {
    if (same_ascii_ci(wanted, pseudo_language)) return std::string(pseudo_language);
    if (const auto* l = find_language(wanted)) return std::string(l->tag);
    return std::nullopt;
}

}  // namespace

const language* find_language(std::string_view tag) {
    if (same_ascii_ci(tag, pseudo_language)) return nullptr;
    for (const auto& l : languages) {
        if (same_ascii_ci(tag, l.tag)) return &l;
    }
    const auto primary = primary_subtag(tag);
    for (const auto& l : languages) {
        if (same_ascii_ci(primary, l.tag)) return &l;
    }
    return nullptr;
}

std::string choose_language(std::optional<std::string_view> saved, const std::vector<std::string>& preferred) {
    if (saved) {
        if (auto tag = usable(*saved)) return *tag;
    }
    for (const auto& p : preferred) {
        if (auto tag = usable(p)) return *tag;
    }
    return std::string(default_language);
}

bool is_rtl_language(std::string_view tag) {
    const auto* l = find_language(tag);
    return l != nullptr && l->rtl;
}

}  // namespace profiledesk::core
