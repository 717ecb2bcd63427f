// Cross-site request forgery checks for the cookie-authenticated JSON API
// (OWASP CSRF Prevention Cheat Sheet, docs/architecture.md#security-choices; ASVS 3.5.1-3.5.3, v4 13.2.3/13.2.5).
#pragma once

#include "http/types.hpp"

#include <string_view>

namespace profiledesk::auth {

enum class csrf_failure {
    none,              // the request may change state
    bad_content_type,  // not application/json (a form or text/plain needs no preflight): answer 415
    missing_token,     // no X-CSRF-Token header, or an empty one: answer 403 csrf_failed
    bad_token,         // X-CSRF-Token is not the session's token (or is sent twice): 403 csrf_failed
    cross_origin,      // Origin / Sec-Fetch-Site missing or not ours: 403 csrf_failed
};

// Checks, in this order, and returns the first failure:
// 1. exactly one Content-Type whose media type is application/json
//    (case-insensitive; parameters such as "; charset=utf-8" allowed);
// 2. the request comes from our own page: an Origin header, if present, equals
//    `our_origin` exactly ("null" never does); a Sec-Fetch-Site header, if
//    present, is "same-origin" ("same-site" is not trusted: a sibling subdomain
//    is same-site); at least one of the two is present, since every browser
//    that runs the app sends them on a fetch() PATCH/POST;
// 3. exactly one X-CSRF-Token header, equal to `session_csrf_token`
//    (constant-time). An empty session token or an empty `our_origin` never
//    matches: a caller bug fails closed.
// Only for state-changing methods; the caller decides which requests those are.
csrf_failure check_state_changing_request(const http::request& req, std::string_view session_csrf_token,
                                          std::string_view our_origin);

// Check 2 alone (for state-changing requests that carry no JSON body, such as
// POST /logout, POST /api/session/end): the request comes from our own page.
bool comes_from_our_origin(const http::request& req, std::string_view our_origin);

// Stable snake_case code for logs and metrics, e.g. "missing_token".
const char* to_string(csrf_failure failure);

// One sentence for a person, safe to put in an error body (no token, no header
// values), e.g. "This request did not come from Profile Desk's own page.".
const char* csrf_failure_message(csrf_failure failure);

}  // namespace profiledesk::auth
