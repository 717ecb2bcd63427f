#include "profiledesk/core/root_attributes.hpp"

#include <stdexcept>

namespace profiledesk::core {

const root_attribute* find_root_attribute(std::string_view key) {
    for (const auto& a : root_attributes) {
        if (a.key == key) return &a;
    }
    return nullptr;
}

const root_attribute& root_attribute_of(std::string_view key) {
    if (const auto* a = find_root_attribute(key)) return *a;
    throw std::invalid_argument("[root_attributes.unknown] '" + std::string(key) +
                                "' is not in the table: use a core::root_key constant");
}

}  // namespace profiledesk::core
