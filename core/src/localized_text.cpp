#include "profiledesk/core/localized_text.hpp"

#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/messages.hpp"

#include <algorithm>
#include <cctype>

namespace profiledesk::core {
namespace {

constexpr std::size_t max_languages = 50;

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool alnum(char c) { return alpha(c) || (c >= '0' && c <= '9'); }

// "en", "fr-CA", "zh-Hant-TW": a BCP 47 tag's shape, without its registry.
bool valid_tag(std::string_view tag) {
    std::size_t start = 0;
    bool first = true;
    while (start <= tag.size()) {
        const auto dash = tag.find('-', start);
        const auto part = tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
        if (first) {
            if (part.size() < 2 || part.size() > 3 || !std::all_of(part.begin(), part.end(), alpha)) return false;
        } else if (part.empty() || part.size() > 8 || !std::all_of(part.begin(), part.end(), alnum)) {
            return false;
        }
        first = false;
        if (dash == std::string_view::npos) break;
        start = dash + 1;
    }
    return true;
}

std::string_view primary(std::string_view tag) { return tag.substr(0, tag.find('-')); }

const std::string* in_language(const localized_text& t, std::string_view language) {
    if (t.texts.empty()) return nullptr;
    if (const auto it = t.texts.find(""); it != t.texts.end()) return &it->second;
    const std::string want = lowered(language);
    for (const auto& [tag, text] : t.texts) {
        if (lowered(tag) == want) return &text;
    }
    for (const auto& [tag, text] : t.texts) {
        if (lowered(primary(tag)) == primary(want)) return &text;
    }
    if (want != "en") {
        for (const auto& [tag, text] : t.texts) {
            if (lowered(primary(tag)) == "en") return &text;
        }
    }
    return &t.texts.begin()->second;
}

}  // namespace

std::optional<localized_text> parse_localized_text(const nlohmann::json& value, std::string& error) {
    if (value.is_string()) return localized_text(value.get<std::string>());
    if (!value.is_object() || value.empty() || value.size() > max_languages) {
        error = "use a string, or an object of language tag -> text such as {\"en\": \"City\", \"fr\": \"Ville\"}";
        return std::nullopt;
    }
    localized_text out;
    for (const auto& [tag, text] : value.items()) {
        if (!valid_tag(tag)) {
            error = "\"" + tag + "\" is not a language tag (like en, fr or pt-BR)";
            return std::nullopt;
        }
        if (!text.is_string()) {
            error = "the text for \"" + tag + "\" must be a string";
            return std::nullopt;
        }
        out.texts.emplace(tag, text.get<std::string>());
    }
    return out;
}

nlohmann::json to_json(const localized_text& text) {
    if (text.is_plain()) return text.texts.begin()->second;
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [tag, t] : text.texts) out[tag] = t;
    return out;
}

std::string resolve(const localized_text& text, std::string_view language) {
    if (language == pseudo_language) {
        const auto* english = in_language(text, default_language);
        return english != nullptr ? pseudo_localize(*english) : std::string();
    }
    const auto* found = in_language(text, language);
    return found != nullptr ? *found : std::string();
}

}  // namespace profiledesk::core
