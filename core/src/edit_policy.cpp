#include "profiledesk/core/edit_policy.hpp"

#include "profiledesk/core/root_attributes.hpp"

#include <algorithm>

namespace profiledesk::core {

connection_kind kind_of(const connection_info& c) {
    if (c.strategy == "auth0") return connection_kind::database;
    if (c.strategy == "email" || c.strategy == "sms") return connection_kind::passwordless;
    return connection_kind::upstream;
}

bool is_synced_root_attribute(std::string_view attribute) {
    const auto* a = find_root_attribute(attribute);
    return a != nullptr && a->synced;
}

bool can_write_synced_root_attributes(const connection_info& c) {
    if (kind_of(c) != connection_kind::upstream) return true;
    // Unset means the default for new connections, on_each_login.
    return !c.set_user_root_attributes.empty() && c.set_user_root_attributes != "on_each_login";
}

bool can_write_email(const connection_info& c) { return kind_of(c) == connection_kind::database; }

std::string root_attributes_message(std::vector<std::string> attributes) {
    std::sort(attributes.begin(), attributes.end());
    attributes.erase(std::unique(attributes.begin(), attributes.end()), attributes.end());
    std::string message(root_attributes_message_prefix);
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (i > 0) message += ", ";
        message += attributes[i];
    }
    message += root_attributes_message_suffix;
    return message;
}

std::optional<std::string> root_attribute_write_problem(const connection_info& c,
                                                        const std::vector<std::string>& attributes) {
    if (!can_write_synced_root_attributes(c)) {
        std::vector<std::string> refused;
        for (const auto& a : attributes) {
            if (is_synced_root_attribute(a)) refused.push_back(a);
        }
        if (!refused.empty()) return root_attributes_message(std::move(refused));
    }
    if (!can_write_email(c) && std::find(attributes.begin(), attributes.end(), root_key::email) != attributes.end()) {
        return std::string(cannot_update_email_message);
    }
    return std::nullopt;
}

attribute_editability editability(const connection_info& c, std::string_view attribute) {
    if (is_synced_root_attribute(attribute) && !can_write_synced_root_attributes(c)) {
        return {false, "synced_from_identity_provider"};
    }
    if (attribute == root_key::email && !can_write_email(c)) return {false, "email_not_database"};
    return {true, ""};
}

}  // namespace profiledesk::core
