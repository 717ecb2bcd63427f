#include "profiledesk/core/field_schema.hpp"

#include <array>
#include <utility>

namespace profiledesk::core {
namespace {

constexpr std::array<std::pair<field_type, std::string_view>, 9> type_names = {{
    {field_type::string, "string"},
    {field_type::text, "text"},
    {field_type::email, "email"},
    {field_type::phone, "phone"},
    {field_type::url, "url"},
    {field_type::enumeration, "enum"},
    {field_type::boolean, "bool"},
    {field_type::date, "date"},
    {field_type::number, "number"},
}};

}  // namespace

std::string_view to_string(field_type type) {
    for (const auto& [t, name] : type_names) {
        if (t == type) return name;
    }
    return "string";  // unreachable for valid enumerators
}

std::optional<field_type> field_type_from_string(std::string_view name) {
    for (const auto& [t, n] : type_names) {
        if (n == name) return t;
    }
    return std::nullopt;
}

bool is_text_type(field_type type) {
    switch (type) {
        case field_type::string:
        case field_type::text:
        case field_type::email:
        case field_type::phone:
        case field_type::url: return true;
        default: return false;
    }
}

std::size_t default_max_length(field_type type) {
    switch (type) {
        case field_type::string: return 300;
        case field_type::text: return 2000;
        case field_type::email: return 254;
        case field_type::phone: return 32;
        case field_type::url: return 2048;
        default: return 0;  // not a text type
    }
}

std::size_t field_def::effective_max_length() const { return max_length.value_or(default_max_length(type)); }

const field_option* field_def::find_option(std::string_view value) const {
    for (const auto& o : options) {
        if (o.value == value) return &o;
    }
    return nullptr;
}

const field_def* field_schema::find(std::string_view key) const {
    for (const auto& f : fields) {
        if (f.key == key) return &f;
    }
    return nullptr;
}

}  // namespace profiledesk::core
