// The error codes of Profile Desk's HTTP API: the `error` of every error body
// {"error": "<code>", "message": "<for a person>"} (server/http/responses.hpp).
//
// They are the contract between the server and the app (and anyone who
// scripts the API): stable, never renamed or reused. The server sends only
// these, and only with the status given here; the app compares against the
// same constants. tests/unit/core/api_errors_test.cpp checks that no code is
// written as a literal anywhere else in server/ and wasm/, and
// tests/unit/app/api_result_test.cpp that the app reads every one of them
// deliberately. A new code goes into `all_codes` below, then into that test.
//
// Not here: localtenant's codes, which are Auth0's Management and
// Authentication API codes (server/localtenant/api_error.hpp), another contract.
#pragma once

#include <array>
#include <string_view>

namespace profiledesk::core::api_error {

// Request framing and routing (server/http).
inline constexpr std::string_view bad_request = "bad_request";
inline constexpr std::string_view headers_too_large = "headers_too_large";
inline constexpr std::string_view body_too_large = "body_too_large";
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view method_not_allowed = "method_not_allowed";
inline constexpr std::string_view timeout = "timeout";
inline constexpr std::string_view internal_error = "internal_error";

// Session and request origin (server/api: auth, profile, picture routes).
inline constexpr std::string_view unauthenticated = "unauthenticated";
inline constexpr std::string_view csrf_failed = "csrf_failed";
inline constexpr std::string_view unsupported_media_type = "unsupported_media_type";
inline constexpr std::string_view account_blocked = "account_blocked";
inline constexpr std::string_view account_deleted = "account_deleted";

// Saving the profile (PATCH /api/profile).
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";
inline constexpr std::string_view invalid_json = "invalid_json";
inline constexpr std::string_view field_not_allowed = "field_not_allowed";
inline constexpr std::string_view validation_failed = "validation_failed";
inline constexpr std::string_view field_read_only = "field_read_only";
inline constexpr std::string_view conflict = "conflict";
inline constexpr std::string_view too_many_writes = "too_many_writes";

// The identity provider's Management API failed (server/api/upstream_failure.cpp).
inline constexpr std::string_view user_not_found = "user_not_found";
inline constexpr std::string_view upstream_rate_limited = "upstream_rate_limited";
inline constexpr std::string_view upstream_unavailable = "upstream_unavailable";
inline constexpr std::string_view upstream_timeout = "upstream_timeout";
inline constexpr std::string_view upstream_rejected = "upstream_rejected";
inline constexpr std::string_view upstream_auth_failed = "upstream_auth_failed";
inline constexpr std::string_view upstream_bad_response = "upstream_bad_response";

// The profile picture (GET /api/profile/picture).
inline constexpr std::string_view picture_not_current = "picture_not_current";
inline constexpr std::string_view picture_not_https = "picture_not_https";
inline constexpr std::string_view picture_unavailable = "picture_unavailable";
inline constexpr std::string_view picture_too_large = "picture_too_large";
inline constexpr std::string_view picture_not_an_image = "picture_not_an_image";

// A client's budget for a costly public route (pictures, glyphs).
inline constexpr std::string_view too_many_requests = "too_many_requests";

// Font subsets (GET /fonts/glyphs).
inline constexpr std::string_view bad_codepoints = "bad_codepoints";
inline constexpr std::string_view too_many_codepoints = "too_many_codepoints";
inline constexpr std::string_view glyphs_busy = "glyphs_busy";

// Shared state (sessions, budgets, write locks: memory or Redis) cannot be reached.
inline constexpr std::string_view session_store_unavailable = "session_store_unavailable";

// Sensitive account actions (email, password, deletion; core/reauthentication.hpp).
inline constexpr std::string_view reauthentication_required = "reauthentication_required";
inline constexpr std::string_view account_change_not_allowed = "account_change_not_allowed";
inline constexpr std::string_view invalid_email = "invalid_email";
inline constexpr std::string_view password_too_weak = "password_too_weak";
inline constexpr std::string_view mail_unavailable = "mail_unavailable";
inline constexpr std::string_view too_many_emails = "too_many_emails";
inline constexpr std::string_view account_deletion_disabled = "account_deletion_disabled";
inline constexpr std::string_view confirmation_mismatch = "confirmation_mismatch";

// Where the user is signed in (GET/DELETE /api/sessions) and their data.
inline constexpr std::string_view session_not_found = "session_not_found";
inline constexpr std::string_view too_many_exports = "too_many_exports";

struct code_info {
    std::string_view code;
    int status;                // the HTTP status the server always sends it with
    std::string_view meaning;  // for a reader of this table, not sent
};

inline constexpr std::array all_codes = {
    code_info{bad_request, 400, "the request cannot be framed or lacks what the route needs"},
    code_info{headers_too_large, 431, "the request's headers pass the server's limit"},
    code_info{body_too_large, 413, "the request's body passes the server's limit"},
    code_info{not_found, 404, "no route or file at this path"},
    code_info{method_not_allowed, 405, "the path exists, not with this method (Allow lists those it takes)"},
    code_info{timeout, 503, "the handler gave no answer in time"},
    code_info{internal_error, 500, "a bug on the server's side; the request changed nothing"},

    code_info{unauthenticated, 401, "no session: sign in (again)"},
    code_info{csrf_failed, 403, "the request did not come from our own page (origin or CSRF token)"},
    code_info{unsupported_media_type, 415, "a state-changing request that is not application/json"},
    code_info{account_blocked, 401, "an administrator blocked the user: every session of theirs ended"},
    code_info{account_deleted, 401, "the user no longer exists at the provider: every session of theirs ended"},

    code_info{invalid_utf8, 400, "the body is not UTF-8"},
    code_info{invalid_json, 400, "the body is not JSON, or nested too deeply"},
    code_info{field_not_allowed, 400, "a field that cannot be changed here (fields: their ids)"},
    code_info{validation_failed, 400,
              "values the schema refuses (fields: id to message; problems: id to {code, args})"},
    code_info{field_read_only, 403, "root attributes the user's identity provider owns (fields: their ids)"},
    code_info{conflict, 409, "fields changed elsewhere since baseVersion (fields: current values; version)"},
    code_info{too_many_writes, 429, "the user's save budget is spent; Retry-After says when"},

    code_info{user_not_found, 404, "the provider has no such user record"},
    code_info{upstream_rate_limited, 503, "the provider's rate limit; Retry-After says when"},
    code_info{upstream_unavailable, 503, "the provider fails or its circuit is open; Retry-After says when"},
    code_info{upstream_timeout, 504, "the provider did not answer in time"},
    code_info{upstream_rejected, 502, "the provider refused the change (its message appended)"},
    code_info{upstream_auth_failed, 502, "the server may not use the provider's Management API"},
    code_info{upstream_bad_response, 502, "the provider sent a user record the server cannot read"},

    code_info{picture_not_current, 404, "that address is not the picture in the user's profile"},
    code_info{picture_not_https, 502, "the picture's address (or a redirect's) is not https://"},
    code_info{picture_unavailable, 502, "its host failed, is not public or not on port 443, or redirects too often"},
    code_info{picture_too_large, 502, "the picture passes the size limit"},
    code_info{picture_not_an_image, 502, "the bytes are not PNG, JPEG, GIF or WebP"},

    code_info{too_many_requests, 429, "the client's budget for this route is spent"},

    code_info{bad_codepoints, 400, "u= is missing, repeated, or holds something that is not a character"},
    code_info{too_many_codepoints, 400, "more code points than one request may ask for"},
    code_info{glyphs_busy, 503, "every font worker is taken; Retry-After: 1"},

    code_info{session_store_unavailable, 503, "the session store (Redis) cannot be reached; Retry-After says when"},

    code_info{reauthentication_required, 401, "the action needs a sign-in in the last 5 minutes (reauthenticateUrl)"},
    code_info{account_change_not_allowed, 403, "the identity provider owns this (a social user's email or password)"},
    code_info{invalid_email, 400, "the new address is not an email address"},
    code_info{password_too_weak, 400, "the connection's password policy refuses it (rules: those unmet)"},
    code_info{mail_unavailable, 503, "the email could not be sent; nothing changed; Retry-After says when"},
    code_info{too_many_emails, 429, "the user's budget for verification emails is spent; Retry-After says when"},
    code_info{account_deletion_disabled, 403, "the operator does not allow deleting accounts here"},
    code_info{confirmation_mismatch, 400, "confirm is not the account's email address"},

    code_info{session_not_found, 404, "no session of this user has that handle"},
    code_info{too_many_exports, 429, "the user's budget for data exports is spent; Retry-After says when"},
};

// The entry of `code`, or nullptr when the API has no such code.
constexpr const code_info* find(std::string_view code) {
    for (const auto& c : all_codes) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

}  // namespace profiledesk::core::api_error
