// Fuzzes localtenant's PATCH /api/v2/users/{id} without I/O, as users_api.cpp
// runs it: the body (JSON, or a form), then check_user_patch, and for a body
// it accepts apply_user_patch and check_profile_size; for a database, a
// Google-synced and a GitHub (sync off) user.
//
// Invariants beyond "no crash": an accepted body stores a JSON object that
// keeps its user_id, and moves updated_at forward.
#include "localtenant/user_patch.hpp"
#include "http/url.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;
using nlohmann::json;

const json stored_user = json::parse(R"({
  "user_id": "auth0|ada", "email": "ada@example.com", "email_verified": true,
  "name": "Ada Lovelace", "nickname": "ada", "given_name": "Ada", "picture": "https://x.example/a.png",
  "updated_at": "2023-11-14T22:13:19.000Z",
  "user_metadata": {"city": "London", "prefs": {"theme": "dark", "lang": "en"}},
  "app_metadata": {"plan": "gold"}
})");

const localtenant::connection connections[] = {
    {"Username-Password-Authentication", "auth0", false, ""},
    {"google-oauth2", "google-oauth2", true, "on_each_login"},
    {"github", "github", true, "on_first_login"},
};

bool known_connection(const std::string& name) {
    for (const auto& c : connections) {
        if (c.name == name) return true;
    }
    return false;
}

void patch(const json& body, const std::vector<std::string>& order) {
    const auto now = localtenant::system_time(std::chrono::seconds(1700000000));
    for (const auto& conn : connections) {
        if (localtenant::check_user_patch(body, order, conn, stored_user, known_connection)) continue;
        auto user = stored_user;
        (void)localtenant::apply_user_patch(user, body, conn, now);
        (void)localtenant::check_profile_size(user);
        if (!user.is_object() || user.value("user_id", "") != "auth0|ada" ||
            !(user.value("updated_at", "") > stored_user["updated_at"].get<std::string>())) {
            std::cerr << "invariant broken: an accepted patch lost user_id or did not advance updated_at\n";
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // application/json: the key order as sent, then the body.
    const auto ordered = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!ordered.is_discarded()) {
        std::vector<std::string> order;
        if (ordered.is_object()) {
            for (const auto& [k, _] : ordered.items()) order.push_back(k);
        }
        patch(json::parse(text), order);
    }

    // application/x-www-form-urlencoded: every value a string.
    if (const auto form = http::parse_query(text)) {
        json body = json::object();
        std::vector<std::string> order;
        for (const auto& [k, v] : *form) {
            order.push_back(k);
            body[k] = v;
        }
        patch(body, order);
    }
    return 0;
}
