#include "profiledesk/core/schema_parser.hpp"

#include "profiledesk/core/calendar.hpp"
#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/localized_text.hpp"
#include "profiledesk/core/pattern_syntax.hpp"
#include "profiledesk/core/text_checks.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace profiledesk::core {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 13> field_properties = {
    "key", "label", "type",    "required", "max_length", "pattern",    "pattern_message",
    "min", "max",   "options", "help",     "group",      "placeholder"};

constexpr std::array<std::string_view, 3> schema_properties = {"version", "groups", "fields"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Whether every language's text of `t` is UTF-8, and (when `non_blank`) not blank.
bool texts_ok(const localized_text& t, bool non_blank) {
    return std::all_of(t.texts.begin(), t.texts.end(), [&](const auto& entry) {
        return is_valid_utf8(entry.second) && !(non_blank && is_blank(entry.second));
    });
}

// Collects errors for one schema; each reads "[schema.<id>] <subject>: <message>".
class schema_parser {
public:
    explicit schema_parser(pattern_compiler compile) : compile_(compile) {}

    schema_result parse(const json& j) {
        schema_result result;
        if (!j.is_object()) {
            error("not_object", "the schema", "must be a JSON object");
            return finish(std::move(result));
        }
        for (const auto& [name, value] : j.items()) {
            (void)value;
            if (!contains(schema_properties, name)) {
                error("unknown_property", "the schema", "unknown property '" + name + "'");
            }
        }
        parse_version(j);
        parse_groups(j);
        parse_fields(j);
        return finish(std::move(result));
    }

private:
    pattern_compiler compile_;
    field_schema schema_;
    std::vector<std::string> errors_;

    schema_result finish(schema_result result) {
        result.errors = std::move(errors_);
        if (result.errors.empty()) result.schema = std::move(schema_);
        return result;
    }

    void error(std::string_view id, const std::string& subject, const std::string& message) {
        std::string e = "[schema.";
        e += id;
        e += "] ";
        e += subject;
        e += ": ";
        e += message;
        errors_.push_back(std::move(e));
    }

    void parse_version(const json& j) {
        const auto it = j.find("version");
        if (it == j.end() || !it->is_number_integer() || *it != 1) {
            error("version", "the schema", "'version' must be 1");
        }
    }

    void parse_groups(const json& j) {
        const auto it = j.find("groups");
        if (it == j.end()) return;
        if (!it->is_array()) {
            error("groups", "the schema", "'groups' must be an array");
            return;
        }
        std::size_t position = 0;
        for (const auto& g : *it) {
            ++position;
            const std::string subject = "group #" + std::to_string(position);
            if (!g.is_object()) {
                error("group", subject, "must be an object with 'id' and 'label'");
                continue;
            }
            field_group group;
            bool ok = true;
            for (const auto& [name, value] : g.items()) {
                (void)value;
                if (name != "id" && name != "label") {
                    error("unknown_property", subject, "unknown property '" + name + "'");
                    ok = false;
                }
            }
            const auto id = g.find("id");
            const auto label = g.find("label");
            if (id == g.end() || !id->is_string() || id->get_ref<const std::string&>().empty() ||
                !is_valid_utf8(id->get_ref<const std::string&>())) {
                error("group", subject, "'id' must be a non-empty string");
                ok = false;
            } else {
                group.id = id->get<std::string>();
            }
            if (auto text = label == g.end() ? std::nullopt : localized(*label, true)) {
                group.label = std::move(*text);
            } else {
                error("group", subject,
                      "'label' must be a non-empty string, or an object of language tag -> such strings");
                ok = false;
            }
            if (!ok) continue;
            const bool duplicate = std::any_of(schema_.groups.begin(), schema_.groups.end(),
                                               [&](const field_group& other) { return other.id == group.id; });
            if (duplicate) {
                error("group", "group '" + group.id + "'", "the id is declared twice");
                continue;
            }
            schema_.groups.push_back(std::move(group));
        }
    }

    void parse_fields(const json& j) {
        const auto it = j.find("fields");
        if (it == j.end() || !it->is_array()) {
            error("fields", "the schema", "'fields' must be an array");
            return;
        }
        std::map<std::string, std::size_t> position_of_key;   // exact key -> position
        std::map<std::string, std::string> key_of_lowercase;  // lower-cased key -> key
        std::size_t position = 0;
        for (const auto& f : *it) {
            ++position;
            auto field = parse_field(f, position);
            if (!field) continue;
            const std::string subject = "field '" + field->key + "'";
            if (const auto seen = position_of_key.find(field->key); seen != position_of_key.end()) {
                error("duplicate_key", subject,
                      "the key is declared twice (fields " + std::to_string(seen->second) + " and " +
                          std::to_string(position) + ")");
                continue;
            }
            const std::string lower = ascii_lower(field->key);
            if (const auto seen = key_of_lowercase.find(lower); seen != key_of_lowercase.end()) {
                error("case_variant_key", subject,
                      "differs from field '" + seen->second +
                          "' only in case; keys are case-sensitive, so such pairs are refused");
                continue;
            }
            position_of_key.emplace(field->key, position);
            key_of_lowercase.emplace(lower, field->key);
            schema_.fields.push_back(std::move(*field));
        }
    }

    // A text people read (localized_text.hpp): a string, or an object of
    // language tag -> string; nullopt when neither, or when a text is not
    // UTF-8 or (with `non_blank`) blank.
    static std::optional<localized_text> localized(const json& value, bool non_blank) {
        std::string why;
        auto text = parse_localized_text(value, why);
        if (!text || !texts_ok(*text, non_blank)) return std::nullopt;
        return text;
    }

    // An optional text people read: absent -> true and `out` untouched; a
    // string or an object of language tag -> string -> stored; anything else -> an error.
    bool text_property(const json& f, const char* name, const std::string& subject, localized_text& out) {
        const auto it = f.find(name);
        if (it == f.end()) return true;
        std::string why;
        auto text = parse_localized_text(*it, why);
        if (!text || !texts_ok(*text, false)) {
            error("field", subject,
                  std::string("'") + name + "' must be a string, or an object of language tag -> string" +
                      (text ? std::string() : " (" + why + ")"));
            return false;
        }
        out = std::move(*text);
        return true;
    }

    // A string property: absent -> true and `out` untouched; a string -> stored;
    // anything else -> an error.
    bool string_property(const json& f, const char* name, const std::string& subject, std::string& out) {
        const auto it = f.find(name);
        if (it == f.end()) return true;
        if (!it->is_string() || !is_valid_utf8(it->get_ref<const std::string&>())) {
            error("field", subject, std::string("'") + name + "' must be a string");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    std::optional<field_def> parse_field(const json& f, std::size_t position) {
        std::string subject = "field #" + std::to_string(position);
        if (!f.is_object()) {
            error("field", subject, "must be an object");
            return std::nullopt;
        }
        field_def field;
        bool ok = true;

        // The key first: every later message names the field by it.
        const auto key = f.find("key");
        if (key == f.end() || !key->is_string()) {
            error("key", subject, "'key' must be a string");
            return std::nullopt;
        }
        field.key = key->get<std::string>();
        if (auto problem = metadata_key_problem(field.key)) {
            // A key that is not UTF-8 is not echoed: the message must stay printable as JSON.
            error("key", subject,
                  (is_valid_utf8(field.key) ? "key '" + field.key + "' " : std::string("the key ")) + *problem);
            return std::nullopt;
        }
        subject = "field '" + field.key + "'";

        for (const auto& [name, value] : f.items()) {
            (void)value;
            if (!contains(field_properties, name)) {
                error("unknown_property", subject, "unknown property '" + name + "'");
                ok = false;
            }
        }

        const auto label = f.find("label");
        if (auto text = label == f.end() ? std::nullopt : localized(*label, true)) {
            field.label = std::move(*text);
        } else {
            error("label", subject,
                  "'label' must be a non-empty string, or an object of language tag -> such strings "
                  "({\"en\": \"City\", \"fr\": \"Ville\"})");
            ok = false;
        }

        const auto type = f.find("type");
        std::optional<field_type> parsed_type;
        if (type != f.end() && type->is_string()) parsed_type = field_type_from_string(type->get<std::string>());
        if (!parsed_type) {
            const std::string sent = type == f.end() ? "nothing" : type->dump();
            error("type", subject,
                  "unknown type " + sent + "; use one of string, text, email, phone, url, enum, bool, date, number");
            // Without a type no constraint can be checked against it.
            return std::nullopt;
        }
        field.type = *parsed_type;

        if (const auto it = f.find("required"); it != f.end()) {
            if (!it->is_boolean()) {
                error("field", subject, "'required' must be true or false");
                ok = false;
            } else {
                field.required = it->get<bool>();
            }
        }

        ok = parse_text_constraints(f, subject, field) && ok;
        ok = parse_bounds(f, subject, field) && ok;
        ok = parse_options(f, subject, field) && ok;

        ok = text_property(f, "help", subject, field.help) && ok;
        ok = text_property(f, "placeholder", subject, field.placeholder) && ok;
        if (string_property(f, "group", subject, field.group)) {
            if (!field.group.empty() && std::none_of(schema_.groups.begin(), schema_.groups.end(),
                                                     [&](const field_group& g) { return g.id == field.group; })) {
                error("unknown_group", subject, "group '" + field.group + "' is not declared in 'groups'");
                ok = false;
            }
        } else {
            ok = false;
        }

        if (!ok) return std::nullopt;
        return field;
    }

    void not_applicable(const std::string& subject, const char* property, field_type type) {
        error("not_applicable", subject,
              std::string("'") + property + "' does not apply to type '" + std::string(to_string(type)) + "'");
    }

    bool parse_text_constraints(const json& f, const std::string& subject, field_def& field) {
        bool ok = true;
        if (const auto it = f.find("max_length"); it != f.end()) {
            if (!is_text_type(field.type)) {
                not_applicable(subject, "max_length", field.type);
                ok = false;
            } else if (!it->is_number_integer() || *it < 1 || *it > max_length_limit) {
                error("max_length", subject,
                      "'max_length' must be a whole number from 1 to " + std::to_string(max_length_limit));
                ok = false;
            } else {
                field.max_length = it->get<std::size_t>();
            }
        }
        if (const auto it = f.find("pattern"); it != f.end()) {
            if (!is_text_type(field.type)) {
                not_applicable(subject, "pattern", field.type);
                ok = false;
            } else if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
                error("pattern", subject, "'pattern' must be a non-empty string");
                ok = false;
            } else {
                field.pattern = it->get<std::string>();
                std::string why;
                if (auto problem = pattern_problem(*field.pattern)) {
                    error("pattern", subject, "'pattern' " + *problem);
                    ok = false;
                } else if (!(field.matcher = compile_(*field.pattern, why))) {
                    error("pattern", subject, "'pattern' is not a valid regular expression (" + why + ")");
                    ok = false;
                }
            }
        }
        if (const auto it = f.find("pattern_message"); it != f.end()) {
            if (f.find("pattern") == f.end()) {
                error("not_applicable", subject, "'pattern_message' needs a 'pattern'");
                ok = false;
            } else if (auto text = localized(*it, true)) {
                field.pattern_message = std::move(*text);
            } else {
                error("pattern", subject,
                      "'pattern_message' must be a non-empty string, or an object of language tag -> such strings");
                ok = false;
            }
        }
        return ok;
    }

    bool parse_bounds(const json& f, const std::string& subject, field_def& field) {
        bool ok = true;
        const auto parse_one = [&](const char* name, std::optional<double>& number, std::optional<std::string>& date) {
            const auto it = f.find(name);
            if (it == f.end()) return;
            if (field.type == field_type::number) {
                if (!it->is_number() || !std::isfinite(it->get<double>())) {
                    error("min_max", subject, std::string("'") + name + "' must be a number");
                    ok = false;
                } else {
                    number = it->get<double>();
                }
            } else if (field.type == field_type::date) {
                if (!it->is_string() || !parse_iso_date(it->get_ref<const std::string&>())) {
                    error("min_max", subject, std::string("'") + name + "' must be a date written YYYY-MM-DD");
                    ok = false;
                } else {
                    date = it->get<std::string>();
                }
            } else {
                not_applicable(subject, name, field.type);
                ok = false;
            }
        };
        parse_one("min", field.min, field.min_date);
        parse_one("max", field.max, field.max_date);
        // ISO dates written YYYY-MM-DD compare as text in calendar order.
        if ((field.min && field.max && *field.min > *field.max) ||
            (field.min_date && field.max_date && *field.min_date > *field.max_date)) {
            error("min_max", subject, "'min' is greater than 'max'");
            ok = false;
        }
        return ok;
    }

    bool parse_options(const json& f, const std::string& subject, field_def& field) {
        const auto it = f.find("options");
        if (field.type != field_type::enumeration) {
            if (it == f.end()) return true;
            not_applicable(subject, "options", field.type);
            return false;
        }
        if (it == f.end() || !it->is_array() || it->empty()) {
            error("options", subject, "an enum needs a non-empty 'options' array");
            return false;
        }
        bool ok = true;
        for (const auto& o : *it) {
            field_option option;
            bool label_ok = true;
            if (o.is_string()) {
                option.value = o.get<std::string>();
                option.label = option.value;
            } else if (o.is_object()) {
                const auto value = o.find("value");
                const auto label = o.find("label");
                if (value != o.end() && value->is_string()) option.value = value->get<std::string>();
                if (label == o.end()) {
                    option.label = option.value;
                } else if (auto text = localized(*label, true)) {
                    option.label = std::move(*text);
                } else {
                    label_ok = false;  // reported below as malformed
                }
                for (const auto& [name, v] : o.items()) {
                    (void)v;
                    if (name != "value" && name != "label") {
                        error("unknown_property", subject, "unknown property '" + name + "' in an option");
                        ok = false;
                    }
                }
            }
            if (!label_ok || option.value.empty() || !is_valid_utf8(option.value) || !texts_ok(option.label, true)) {
                error("options", subject,
                      "each option must be a non-empty string or {\"value\", \"label\"}, the label a string or an "
                      "object of language tag -> string: " +
                          o.dump(-1, ' ', false, json::error_handler_t::replace));
                ok = false;
                continue;
            }
            if (field.find_option(option.value)) {
                error("options", subject, "option '" + option.value + "' is listed twice");
                ok = false;
                continue;
            }
            field.options.push_back(std::move(option));
        }
        return ok;
    }
};

}  // namespace

schema_result parse_schema(const json& j, pattern_compiler compile) { return schema_parser(compile).parse(j); }

schema_result parse_schema(std::string_view json_text, pattern_compiler compile) {
    json j;
    try {
        j = json::parse(json_text.begin(), json_text.end());
    } catch (const json::exception& e) {  // parse_error, and out_of_range for a number past a double
        schema_result result;
        result.errors.push_back(std::string("[schema.json] the schema: not valid JSON (") + e.what() + ")");
        return result;
    }
    return parse_schema(j, compile);
}

}  // namespace profiledesk::core
