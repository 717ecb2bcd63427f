#include "profiledesk/core/schema_to_json.hpp"

#include "profiledesk/core/number_format.hpp"

namespace profiledesk::core {

using nlohmann::json;

json schema_to_json(const field_schema& schema) {
    json groups = json::array();
    for (const auto& g : schema.groups) groups.push_back({{"id", g.id}, {"label", to_json(g.label)}});
    json fields = json::array();
    for (const auto& f : schema.fields) {
        json j = {{"key", f.key}, {"label", to_json(f.label)}, {"type", std::string(to_string(f.type))}};
        if (f.required) j["required"] = true;
        if (f.max_length) j["max_length"] = *f.max_length;
        if (f.pattern) j["pattern"] = *f.pattern;
        if (f.pattern_message) j["pattern_message"] = to_json(*f.pattern_message);
        if (f.min) j["min"] = number_to_json(*f.min);
        if (f.max) j["max"] = number_to_json(*f.max);
        if (f.min_date) j["min"] = *f.min_date;
        if (f.max_date) j["max"] = *f.max_date;
        if (f.type == field_type::enumeration) {
            json options = json::array();
            for (const auto& o : f.options) options.push_back({{"value", o.value}, {"label", to_json(o.label)}});
            j["options"] = std::move(options);
        }
        if (!f.help.empty()) j["help"] = to_json(f.help);
        if (!f.group.empty()) j["group"] = f.group;
        if (!f.placeholder.empty()) j["placeholder"] = to_json(f.placeholder);
        fields.push_back(std::move(j));
    }
    return {{"version", schema.version}, {"groups", std::move(groups)}, {"fields", std::move(fields)}};
}

}  // namespace profiledesk::core
