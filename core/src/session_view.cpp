#include "profiledesk/core/session_view.hpp"

#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/root_attributes.hpp"

namespace profiledesk::core {

namespace {

using nlohmann::json;

constexpr const char* authenticated_key = "authenticated";
constexpr const char* user_key = "user";
constexpr const char* csrf_token_key = "csrfToken";
constexpr const char* sub_key = "sub";
constexpr const char* connection_key = "connection";

}  // namespace

json session_view_to_json(const session_view& v) {
    if (!v.user) return {{authenticated_key, false}};
    return {{authenticated_key, true},
            {user_key,
             {{sub_key, v.user->sub},
              {std::string(root_key::name), v.user->name},
              {std::string(root_key::picture), v.user->picture},
              {connection_key, v.user->connection}}},
            {csrf_token_key, v.csrf_token}};
}

session_view session_view_from_json(const json& j) {
    session_view v;
    if (!j.is_object()) return v;
    const auto authenticated = j.find(authenticated_key);
    if (authenticated == j.end() || !authenticated->is_boolean() || !authenticated->get<bool>()) return v;
    const auto user = j.find(user_key);
    const json u = user != j.end() && user->is_object() ? *user : json::object();
    v.user = session_user_view{string_member(u, sub_key), string_member(u, root_key::name),
                               string_member(u, root_key::picture), string_member(u, connection_key)};
    v.csrf_token = string_member(j, csrf_token_key);
    return v;
}

}  // namespace profiledesk::core
