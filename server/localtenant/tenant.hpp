// The tenant as an HTTP application: every endpoint, wired into a router.
// State lives in the members (store, keys, codes and sessions, Management API bucket,
// faults, stats); handlers answer through the responder, possibly later (a
// latency fault answers from a timer).
#pragma once

#include "http/per_client_budget.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "localtenant/api_error.hpp"
#include "localtenant/authorize.hpp"
#include "localtenant/faults.hpp"
#include "localtenant/management_bucket.hpp"
#include "localtenant/oauth_state.hpp"
#include "localtenant/options.hpp"
#include "localtenant/signing_keys.hpp"
#include "localtenant/store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace profiledesk::localtenant {

struct tenant_config {
    std::string issuer;  // ends with '/'
    bool https = false;
    bool admin = false;
    double rate_limit = 2;
    double rate_burst = 2;
    std::int64_t m2m_token_ttl = 86400;
    double sign_in_per_minute = 10;  // password checks per client address (burst, and refill per minute)
};

class tenant {
public:
    tenant(boost::asio::io_context& ioc, store& db, signing_keys keys, tenant_config config);

    // All routes; the router refers to this tenant, which must outlive it.
    http::router routes();

    // The clock, replaceable by tests (UNIX seconds).
    std::function<double()> now = [] {
        return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    };

private:
    // Cross-cutting wrappers.
    http::handler instrument(std::string endpoint, http::handler inner);
    http::handler rate_limited(http::handler inner);
    http::response fault_response(const std::string& endpoint, const fault& f, unsigned version);

    // OAuth / OIDC (oauth_endpoints.cpp).
    void discovery(http::request&& req, http::responder respond);
    void jwks(http::request&& req, http::responder respond);
    void authorize(http::request&& req, http::responder respond);
    void login(http::request&& req, http::responder respond);
    // The password check and the sign-in after it, on password_checks_.
    void check_password(const authorize_request& r, const std::string& email, const std::string& password,
                        unsigned version, const http::responder& respond);
    // The sign-in form again, with a message above it.
    http::response sign_in_form(const authorize_request& r, const std::string& email, int status,
                                const std::string& message, unsigned version);
    void token(http::request&& req, http::responder respond);
    void userinfo(http::request&& req, http::responder respond);
    void v2_logout(http::request&& req, http::responder respond);
    void oidc_logout(http::request&& req, http::responder respond);

    // Management API (users_api.cpp).
    void get_user(http::request&& req, http::responder respond);
    void patch_user(http::request&& req, http::responder respond);
    void delete_user(http::request&& req, http::responder respond);

    // Admin (admin_api.cpp).
    void add_fault(http::request&& req, http::responder respond);
    void clear_faults(http::request&& req, http::responder respond);
    void stats(http::request&& req, http::responder respond);
    void age_sessions(http::request&& req, http::responder respond);

    std::int64_t now_seconds() const { return static_cast<std::int64_t>(now()); }

    boost::asio::io_context& ioc_;
    store& db_;
    const signing_keys keys_;
    const tenant_config config_;
    oauth_state oauth_;
    management_bucket management_bucket_;
    http::per_client_budget sign_in_throttle_;
    fault_table faults_;
    request_stats stats_;
    // Password hashes (PBKDF2, about 0.6 s each with the demo seed) run here,
    // one at a time, so the I/O threads keep answering while sign-ins are
    // checked and sign-ins never take more than one core. Last member: it is
    // destroyed first, waiting for a running check while the rest still lives.
    boost::asio::thread_pool password_checks_{1};
};

// Response helpers shared by the endpoint files.
http::response json_answer(int status, const nlohmann::json& body, unsigned version);
http::response management_error(const api_error& e, unsigned version);
http::response oauth_error_answer(const oauth_error& e, unsigned version);
http::response html_answer(int status, std::string html, unsigned version);

// The value of a request header ("" when absent).
std::string header(const http::request& req, boost::beast::http::field f);

// The bearer token of an Authorization header, nullopt when there is none.
std::optional<std::string> bearer_token(const http::request& req);

// A cookie's value from the Cookie header(s), "" when absent.
std::string cookie_value(const http::request& req, std::string_view name);

// The media type of Content-Type, lowercased, without parameters.
std::string media_type(const http::request& req);

}  // namespace profiledesk::localtenant
