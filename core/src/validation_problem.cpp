#include "profiledesk/core/validation_problem.hpp"

#include <algorithm>

namespace profiledesk::core {

std::string message_key(const validation_problem& p) {
    if (p.code == validation_code::too_long) {
        const auto max = p.args.find("max");
        if (max != p.args.end() && max->second == "1") return "validation.too_long_one";
    }
    return "validation." + p.code;
}

message_args message_args_of(const validation_problem& p) {
    message_args args;
    for (const auto& [name, value] : p.args) args.emplace_back(name, value);
    return args;
}

std::string english_message(const validation_problem& p) {
    if (p.schema_message) return resolve(*p.schema_message, "en");
    const auto key = message_key(p);
    const auto it = std::lower_bound(validation_messages.begin(), validation_messages.end(), key,
                                     [](const validation_message& m, const std::string& k) { return m.key < k; });
    // A code without a text is a bug in this file: its key shows, as a catalog's missing key does.
    if (it == validation_messages.end() || it->key != key) return key;
    return format_message(it->english, message_args_of(p));
}

std::string localized_message(const validation_problem& p, const messages& texts) {
    if (p.schema_message) return resolve(*p.schema_message, texts.language());
    return texts.text(message_key(p), message_args_of(p));
}

nlohmann::json to_json(const validation_problem& p) { return {{"code", p.code}, {"args", p.args}}; }

std::optional<validation_problem> validation_problem_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    const auto code = j.find("code");
    if (code == j.end() || !code->is_string()) return std::nullopt;
    validation_problem p;
    p.code = code->get<std::string>();
    if (const auto args = j.find("args"); args != j.end() && args->is_object()) {
        for (const auto& [name, value] : args->items()) {
            if (value.is_string()) p.args.emplace(name, value.get<std::string>());
        }
    }
    return p;
}

}  // namespace profiledesk::core
