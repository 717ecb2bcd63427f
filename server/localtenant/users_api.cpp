// GET, PATCH and DELETE /api/v2/users/{id} (docs/auth0.md#users-endpoints): bearer
// token checks, scopes, the user-scoped subject rule, then user_patch.hpp.
#include "localtenant/password_hash.hpp"
#include "localtenant/seed.hpp"
#include "localtenant/tenant.hpp"
#include "localtenant/tokens.hpp"
#include "localtenant/user_patch.hpp"

#include "http/url.hpp"

#include <iostream>
#include <set>

namespace profiledesk::localtenant {

namespace beast_http = boost::beast::http;
using nlohmann::json;

namespace {

constexpr std::string_view users_prefix = "/api/v2/users/";

// Auth0's 401 messages (OAS-M: "Invalid token", "Invalid signature received
// for JSON Web Token validation."; the expiry one as real tenants word it,
// UNCONFIRMED by Auth0's docs).
api_error token_problem(const std::string& why) {
    if (why == "bad signature") return invalid_token("Invalid signature received for JSON Web Token validation.");
    if (why == "expired") return invalid_token("Expired token received for JSON Web Token validation.");
    return invalid_token("Invalid token");
}

struct caller {
    json claims;
    std::set<std::string> scopes;
    bool has_any(std::initializer_list<const char*> wanted) const {
        for (const char* w : wanted) {
            if (scopes.count(w)) return true;
        }
        return false;
    }
};

// The user id from the path, percent-decoded ("auth0%7Cabc" -> "auth0|abc").
std::optional<std::string> user_id_from(const http::request& req) {
    const auto path = http::target_path(std::string_view(req.target().data(), req.target().size()));
    const auto raw = path.substr(users_prefix.size());
    if (raw.empty() || raw.find('/') != std::string_view::npos) return std::nullopt;
    return http::percent_decode(raw, false);
}

// GET's fields/include_fields (OAS-M 1.1): keep or drop the listed fields.
json select_fields(const json& user, const http::query_params& q) {
    const auto fields = http::single_param(q, "fields").value_or("");
    if (fields.empty()) return user;
    std::set<std::string> listed;
    std::size_t start = 0;
    while (start <= fields.size()) {
        const auto comma = fields.find(',', start);
        const auto f = fields.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!f.empty()) listed.insert(f);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    const bool include = http::single_param(q, "include_fields").value_or("true") != "false";
    json out = json::object();
    for (const auto& [k, v] : user.items()) {
        if (listed.count(k) == static_cast<std::size_t>(include)) out[k] = v;
    }
    return out;
}

}  // namespace

// Shared by GET and PATCH: the token, then the subject rule for user tokens.
// Returns the caller, or answers the error itself and returns nullopt.
static std::optional<caller> authenticate(const http::request& req, const signing_keys& keys, const std::string& issuer,
                                          std::int64_t now, const http::responder& respond) {
    const auto token = bearer_token(req);
    if (!token) {
        respond(management_error(missing_authentication(), req.version()));
        return std::nullopt;
    }
    const auto verified = verify_token(*token, keys, issuer, now);
    if (const auto* why = std::get_if<std::string>(&verified)) {
        std::cerr << "localtenant: management API token refused: " << *why << "\n";
        respond(management_error(token_problem(*why), req.version()));
        return std::nullopt;
    }
    caller c{std::get<json>(verified), {}};
    if (!has_audience(c.claims, issuer + "api/v2/")) {
        respond(
            management_error(invalid_token("Bad audience: " + c.claims.value("aud", json("")).dump()), req.version()));
        return std::nullopt;
    }
    c.scopes = scopes_of(c.claims);
    return c;
}

void tenant::get_user(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto who = authenticate(req, keys_, config_.issuer, now_seconds(), respond);
    if (!who) return;
    if (!who->has_any({"read:users", "read:user_idp_tokens", "read:current_user"})) {
        return respond(
            management_error(insufficient_scope("read:users,read:user_idp_tokens,read:current_user"), version));
    }
    const auto id = user_id_from(req);
    const auto q = http::parse_query(http::target_query(std::string_view(req.target().data(), req.target().size())));
    if (!id || !q) return respond(management_error(bad_request("Invalid request URI", "invalid_uri"), version));
    // A user-scoped token reaches only its own user.
    if (!who->has_any({"read:users", "read:user_idp_tokens"}) && who->claims.value("sub", "") != *id) {
        return respond(management_error(
            {403, "User to be acted on does not match subject in bearer token.", "insufficient_scope"}, version));
    }
    const auto user = db_.find_user(*id);
    if (!user) return respond(management_error(user_does_not_exist(), version));
    // Provider tokens only for read:user_idp_tokens (OAS-M UserIdentitySchema).
    const auto profile = who->has_any({"read:user_idp_tokens"}) ? user->profile
                                                                : without_identity_tokens(user->profile);
    respond(json_answer(200, select_fields(profile, *q), version));
}

void tenant::patch_user(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto who = authenticate(req, keys_, config_.issuer, now_seconds(), respond);
    if (!who) return;
    const std::string expected = "update:users,update:users_app_metadata,update:current_user_metadata";
    if (!who->has_any({"update:users", "update:users_app_metadata", "update:current_user_metadata"})) {
        return respond(management_error(insufficient_scope(expected), version));
    }
    const auto id = user_id_from(req);
    if (!id) return respond(management_error(bad_request("Invalid request URI", "invalid_uri"), version));

    // The body: JSON (keys kept in the order sent, for Auth0's messages) or a form.
    json body;
    std::vector<std::string> order;
    const auto type = media_type(req);
    if (type == "application/json") {
        const auto ordered = nlohmann::ordered_json::parse(req.body(), nullptr, false);
        if (ordered.is_discarded()) return respond(management_error(bad_request("Invalid request body"), version));
        if (ordered.is_object()) {
            for (const auto& [k, _] : ordered.items()) order.push_back(k);
        }
        body = json::parse(req.body());
    } else if (type == "application/x-www-form-urlencoded") {
        const auto form = http::parse_query(req.body());
        if (!form) return respond(management_error(bad_request("Invalid request body"), version));
        body = json::object();
        for (const auto& [k, v] : *form) {
            order.push_back(k);
            body[k] = v;
        }
    } else {
        return respond(management_error(bad_request("Invalid request body"), version));
    }

    // Narrower scopes reach narrower parts of the user: update:users_app_metadata
    // only app_metadata (of any user), update:current_user_metadata only the
    // caller's own user_metadata.
    if (!who->scopes.count("update:users") && body.is_object()) {
        const bool app_only = who->scopes.count("update:users_app_metadata") > 0;
        const char* allowed = app_only ? "app_metadata" : "user_metadata";
        for (const auto& [k, _] : body.items()) {
            if (k != allowed) return respond(management_error(insufficient_scope(expected), version));
        }
        if (!app_only && who->claims.value("sub", "") != *id) {
            return respond(management_error(
                {403, "User to be acted on does not match subject in bearer token.", "insufficient_scope"}, version));
        }
    }

    const auto current = db_.find_user(*id);
    if (!current) return respond(management_error(user_does_not_exist(), version));
    const auto conn =
        db_.find_connection(current->connection).value_or(connection{current->connection, "auth0", false, ""});
    if (auto problem = check_user_patch(body, order, conn, current->profile, [this](const std::string& name) {
            return db_.find_connection(name).has_value();
        })) {
        return respond(management_error(*problem, version));
    }
    // The new password's hash is slow: made before taking the store's lock.
    std::string new_hash;
    if (const auto it = body.find("password"); it != body.end() && it->is_string()) {
        new_hash = hash_password(it->get<std::string>());
    }
    std::optional<api_error> refused;
    std::optional<user_record> stored;
    try {
        stored = db_.update_user(*id, [&](user_record& u) {
            auto profile = u.profile;
            const auto effects = apply_user_patch(profile, body, conn, std::chrono::system_clock::now());
            if ((refused = check_profile_size(profile))) return false;
            u.profile = std::move(profile);
            u.email = u.profile.value("email", "");
            if (effects.password_changed) u.password_hash = new_hash;
            return true;
        });
    } catch (const duplicate_email&) {
        // Third-party client code reports this as a 400 (docs/auth0.md#users-endpoints).
        refused = bad_request("The specified new email already exists", "");
    }
    if (refused) return respond(management_error(*refused, version));
    if (!stored) return respond(management_error(user_does_not_exist(), version));
    respond(json_answer(
        200, who->has_any({"read:user_idp_tokens"}) ? stored->profile : without_identity_tokens(stored->profile),
        version));
}

// An admin deleting a user (scope delete:users): 204 with no body (GOREC,
// docs/auth0.md#users-endpoints). The OAS documents no 404 for it, so a user already gone is a 204 too.
void tenant::delete_user(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto who = authenticate(req, keys_, config_.issuer, now_seconds(), respond);
    if (!who) return;
    if (!who->has_any({"delete:users"})) return respond(management_error(insufficient_scope("delete:users"), version));
    const auto id = user_id_from(req);
    if (!id) return respond(management_error(bad_request("Invalid request URI", "invalid_uri"), version));
    db_.delete_user(*id);
    http::response res{beast_http::status::no_content, version};
    res.prepare_payload();
    respond(std::move(res));
}

}  // namespace profiledesk::localtenant
