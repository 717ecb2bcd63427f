// "Where you're signed in": what GET /api/sessions answers, written by the
// server (server/api/session_routes) from the session store and read by the
// app:
//
//   {"sessions": [{"handle": "<opaque>", "device": "Firefox on Windows",
//                  "address": "203.0.113.x", "createdAt": <Unix s>,
//                  "lastActiveAt": <Unix s>, "current": bool}, ...]}
//
// newest sign-in first. `handle` names a session for DELETE
// /api/sessions/{handle}: opaque, never the cookie value nor its hash, and
// good only for its own user's sessions. `address` is shortened (the last
// part of an IPv4 address, the last 80 bits of an IPv6 one hidden): enough to
// tell "home" from "elsewhere", not a full address on a screen.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace profiledesk::core {

struct session_entry_view {
    std::string handle;
    std::string device;   // "Chrome on Android"; "Unknown device" when the User-Agent says nothing we know
    std::string address;  // shortened, "" when unknown
    std::int64_t created_at = 0;
    std::int64_t last_active_at = 0;
    bool current = false;  // the session that asked

    bool operator==(const session_entry_view& o) const {
        return handle == o.handle && device == o.device && address == o.address && created_at == o.created_at &&
               last_active_at == o.last_active_at && current == o.current;
    }
};

nlohmann::json sessions_view_to_json(const std::vector<session_entry_view>& sessions);

// Forgiving: entries that are not objects or lack a handle are skipped.
std::vector<session_entry_view> sessions_view_from_json(const nlohmann::json& j);

}  // namespace profiledesk::core
