// GET /authorize, the checks without I/O (docs/auth0.md#sign-in; RFC
// 6749 4.1.2.1): which requests get an error page (no trustworthy redirect
// URI), which get the error sent back to the client, and the validated
// request for the others. The same checks run again when the sign-in form is
// posted, from the form's hidden fields.
#pragma once

#include "http/url.hpp"
#include "localtenant/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace profiledesk::localtenant {

struct authorize_request {
    std::string client_id;
    std::string redirect_uri;
    std::string response_mode = "query";  // "query" or "form_post"
    std::string scope;
    std::string state;
    std::string nonce;
    std::string code_challenge;
    std::string code_challenge_method;
    std::string prompt;  // "", "none", "login", "consent", "select_account"
    std::optional<std::int64_t> max_age;
    bool management_audience = false;  // audience = <issuer>api/v2/
    std::string connection;            // restricts the sign-in to one connection
    std::string login_hint;

    // The parameters again, for the sign-in form's hidden fields.
    http::query_params to_params() const;
};

struct authorize_error {
    // false: show an error page; true: send error/error_description (and
    // state) to redirect_uri, which has been checked against the client.
    bool redirect = false;
    std::string error;
    std::string description;
    std::string redirect_uri;
    std::string response_mode = "query";
    std::string state;
};

// `find_client` looks a client up by id. `issuer` names the Management API
// audience (<issuer>api/v2/), the only API this tenant has.
template <class FindClient>
std::variant<authorize_request, authorize_error> check_authorize(const http::query_params& params,
                                                                 const FindClient& find_client,
                                                                 const std::string& issuer);

// The non-template core: `c` is the client named by client_id, if any.
std::variant<authorize_request, authorize_error> check_authorize_for(const http::query_params& params,
                                                                     const std::optional<client>& c,
                                                                     const std::string& issuer);

template <class FindClient>
std::variant<authorize_request, authorize_error> check_authorize(const http::query_params& params,
                                                                 const FindClient& find_client,
                                                                 const std::string& issuer) {
    const auto id = http::single_param(params, "client_id");
    return check_authorize_for(params, id ? find_client(*id) : std::nullopt, issuer);
}

// redirect_uri with `params` added to its query (after any it has).
std::string add_query(const std::string& uri, const http::query_params& params);

// The prompt/max_age rule: may an existing session (signed in at auth_time)
// answer this request without showing the form?
bool session_satisfies(const authorize_request& r, std::int64_t auth_time, std::int64_t now);

}  // namespace profiledesk::localtenant
