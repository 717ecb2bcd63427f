// Message catalogs: every text the app shows, one JSON file per language
// (web/i18n/<tag>.json, core/languages.hpp), each a flat object of
// key -> text:
//
//   {"editor.save": "Save", "editor.changes": "{count} unsaved changes"}
//
// Keys are lowercase ASCII letters, digits and . _ - (the section first:
// "editor.", "account.", "error.<api error code>", ...). A text may name
// placeholders, "{count}", filled at the call (format_message); a text that
// needs a literal brace writes it twice, "{{". English (en.json) holds every
// key; another catalog may lack some, and the English text shows then (a
// translation missing is not an error).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profiledesk::core {

using message_args = std::vector<std::pair<std::string_view, std::string>>;

class message_catalog {
public:
    // A catalog's JSON; nullopt and `error` (one line for a person) when it is
    // not an object of valid keys to strings, or a text's braces do not pair.
    static std::optional<message_catalog> parse(std::string_view json, std::string& error);

    const std::string* find(std::string_view key) const;
    const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

private:
    std::map<std::string, std::string, std::less<>> entries_;
};

// The placeholders `text` names, in order of appearance ("{count}" -> "count").
std::vector<std::string> message_placeholders(std::string_view text);

// `text` with each {name} replaced by its value in `args` ("{{" and "}}" are
// literal braces); a placeholder without a value stays as written, visibly.
std::string format_message(std::string_view text, const message_args& args);

// The pseudo-locale's form of an English text (languages.hpp): Latin letters
// accented ("Full name" -> "Ƒúļļ ñáɱé"), a third longer, wrapped in "[!! " and
// " !!]". Placeholders and "{{"/"}}" are left as they are, so formatting still fills them.
std::string pseudo_localize(std::string_view text);

// What the app looks its texts up in: one language's catalog over English's.
class messages {
public:
    // Only English: before any catalog has arrived, and in tests.
    messages();
    // `language` a shipped tag or the pseudo-locale; `own` its catalog
    // (ignored for English and the pseudo-locale, which are made from `english`).
    messages(std::string language, const message_catalog& english, const message_catalog* own);

    // The text for `key`: the language's own, else English's, else the key
    // itself (a key no catalog has is a bug: shown, never a crash).
    const std::string& text(std::string_view key) const;
    std::string text(std::string_view key, const message_args& args) const;
    bool has(std::string_view key) const;

    const std::string& language() const { return language_; }
    bool rtl() const { return rtl_; }

private:
    std::string language_;
    bool rtl_ = false;
    std::map<std::string, std::string, std::less<>> texts_;
    mutable std::map<std::string, std::string, std::less<>> missing_;  // keys echoed back
};

}  // namespace profiledesk::core
