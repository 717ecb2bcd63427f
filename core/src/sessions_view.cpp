#include "profiledesk/core/sessions_view.hpp"

#include "profiledesk/core/json_members.hpp"

namespace profiledesk::core {

namespace {

using nlohmann::json;

std::int64_t integer_member(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

}  // namespace

json sessions_view_to_json(const std::vector<session_entry_view>& sessions) {
    json list = json::array();
    for (const auto& s : sessions) {
        list.push_back({{"handle", s.handle},
                        {"device", s.device},
                        {"address", s.address},
                        {"createdAt", s.created_at},
                        {"lastActiveAt", s.last_active_at},
                        {"current", s.current}});
    }
    return {{"sessions", std::move(list)}};
}

std::vector<session_entry_view> sessions_view_from_json(const json& j) {
    std::vector<session_entry_view> out;
    if (!j.is_object()) return out;
    const auto list = j.find("sessions");
    if (list == j.end() || !list->is_array()) return out;
    for (const auto& s : *list) {
        if (!s.is_object() || string_member(s, "handle").empty()) continue;
        out.push_back({string_member(s, "handle"), string_member(s, "device"), string_member(s, "address"),
                       integer_member(s, "createdAt"), integer_member(s, "lastActiveAt"), bool_member(s, "current")});
    }
    return out;
}

}  // namespace profiledesk::core
