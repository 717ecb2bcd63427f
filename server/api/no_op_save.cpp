#include "api/no_op_save.hpp"

namespace profiledesk::api {

bool changes_nothing(const nlohmann::json& changes, const std::optional<core::field_values>& base) {
    const auto wanted = core::change_values(changes);
    if (wanted.empty()) return true;
    if (!base) return false;
    for (const auto& [id, value] : wanted) {
        const auto then = base->find(id);
        // No entry and null both mean "no value" (profile_diff.hpp).
        const auto& before = then == base->end() ? nlohmann::json() : then->second;
        if (before != value) return false;
    }
    return true;
}

}  // namespace profiledesk::api
