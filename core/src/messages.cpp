#include "profiledesk/core/messages.hpp"

#include "profiledesk/core/languages.hpp"

#include <nlohmann/json.hpp>

#include <array>

namespace profiledesk::core {
namespace {

bool valid_key(std::string_view key) {
    if (key.empty() || key.size() > 128) return false;
    for (const char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

// Walks `text`, calling on_text for literal runs and on_name for each
// {name}; false when a brace is unpaired.
template <typename Text, typename Name>
bool walk(std::string_view text, Text on_text, Name on_name) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            on_text(text.substr(i, 1), true);
            i += 2;
            continue;
        }
        if (c == '}') return false;
        if (c == '{') {
            const auto close = text.find('}', i + 1);
            if (close == std::string_view::npos) return false;
            const auto name = text.substr(i + 1, close - i - 1);
            if (name.empty() || name.find('{') != std::string_view::npos) return false;
            on_name(name);
            i = close + 1;
            continue;
        }
        const auto next = text.find_first_of("{}", i);
        const auto end = next == std::string_view::npos ? text.size() : next;
        on_text(text.substr(i, end - i), false);
        i = end;
    }
    return true;
}

// Latin letters and their accented look-alikes (each in DejaVu Sans, so the
// atlas draws them; none needs shaping).
constexpr std::array<std::string_view, 26> accented_lower = {"á", "ƀ", "ç", "đ", "é", "ƒ", "ĝ", "ĥ", "í",
                                                             "ĵ", "ķ", "ļ", "ɱ", "ñ", "ó", "þ", "ǫ", "ŕ",
                                                             "š", "ţ", "ú", "ṽ", "ŵ", "ẋ", "ý", "ž"};
constexpr std::array<std::string_view, 26> accented_upper = {"Á", "Ɓ", "Ç", "Đ", "É", "Ƒ", "Ĝ", "Ĥ", "Í",
                                                             "Ĵ", "Ķ", "Ļ", "Ṁ", "Ñ", "Ó", "Þ", "Ǫ", "Ŕ",
                                                             "Š", "Ţ", "Ú", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž"};

}  // namespace

std::optional<message_catalog> message_catalog::parse(std::string_view json, std::string& error) {
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        error = "a message catalog is a JSON object of key -> text";
        return std::nullopt;
    }
    message_catalog catalog;
    for (const auto& [key, value] : doc.items()) {
        if (!valid_key(key)) {
            error = "message key \"" + key + "\": use lowercase letters, digits, '.', '_' and '-'";
            return std::nullopt;
        }
        if (!value.is_string()) {
            error = "message \"" + key + "\": the text must be a string";
            return std::nullopt;
        }
        const auto& text = value.get_ref<const std::string&>();
        if (!walk(
                text, [](std::string_view, bool) {}, [](std::string_view) {})) {
            error = "message \"" + key + "\": unpaired brace (write a literal one twice: {{ or }})";
            return std::nullopt;
        }
        catalog.entries_.emplace(key, text);
    }
    return catalog;
}

const std::string* message_catalog::find(std::string_view key) const {
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<std::string> message_placeholders(std::string_view text) {
    std::vector<std::string> names;
    walk(
        text, [](std::string_view, bool) {}, [&](std::string_view name) { names.emplace_back(name); });
    return names;
}

std::string format_message(std::string_view text, const message_args& args) {
    std::string out;
    out.reserve(text.size());
    const bool ok = walk(
        text, [&](std::string_view run, bool) { out += run; },
        [&](std::string_view name) {
            for (const auto& [n, value] : args) {
                if (n == name) {
                    out += value;
                    return;
                }
            }
            out += "{" + std::string(name) + "}";
        });
    return ok ? out : std::string(text);
}

std::string pseudo_localize(std::string_view text) {
    std::string out = "[!! ";
    std::size_t letters = 0;
    const auto on_text = [&](std::string_view run, bool brace) {
        if (brace) {
            out.append(2, run.front());  // stays a literal brace for format_message
            return;
        }
        for (const char c : run) {
            if (c >= 'a' && c <= 'z') {
                out += accented_lower[static_cast<std::size_t>(c - 'a')];
                ++letters;
            } else if (c >= 'A' && c <= 'Z') {
                out += accented_upper[static_cast<std::size_t>(c - 'A')];
                ++letters;
            } else {
                out += c;
            }
        }
    };
    const auto on_name = [&](std::string_view name) { out += "{" + std::string(name) + "}"; };
    // Unpaired braces (a schema's label "Size {cm"): every character is text.
    if (walk(
            text, [](std::string_view, bool) {}, [](std::string_view) {})) {
        walk(text, on_text, on_name);
    } else {
        on_text(text, false);
    }
    // A third longer, as translations from English often are (German, French).
    const std::size_t pad = (letters + 2) / 3;
    if (pad > 0) out += " " + std::string(pad, '~');
    return out + " !!]";
}

messages::messages() : messages(std::string(default_language), message_catalog(), nullptr) {}

messages::messages(std::string language, const message_catalog& english, const message_catalog* own)
    : language_(std::move(language)), rtl_(is_rtl_language(language_)) {
    const bool pseudo = language_ == pseudo_language;
    for (const auto& [key, text] : english.entries()) texts_.emplace(key, pseudo ? pseudo_localize(text) : text);
    if (own != nullptr && !pseudo && language_ != default_language) {
        for (const auto& [key, text] : own->entries()) texts_[key] = text;
    }
}

const std::string& messages::text(std::string_view key) const {
    if (const auto it = texts_.find(key); it != texts_.end()) return it->second;
    if (const auto it = missing_.find(key); it != missing_.end()) return it->second;
    return missing_.emplace(std::string(key), std::string(key)).first->second;
}

std::string messages::text(std::string_view key, const message_args& args) const {
    return format_message(text(key), args);
}

bool messages::has(std::string_view key) const { return texts_.count(key) != 0; }

}  // namespace profiledesk::core
