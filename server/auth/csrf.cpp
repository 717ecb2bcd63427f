#include "auth/csrf.hpp"

#include "crypto/digest.hpp"

#include <cctype>
#include <iterator>
#include <optional>

namespace profiledesk::auth {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// A header that appears exactly once; nullopt when absent. `repeated` is set
// when it appears more than once (never merged: we would be guessing).
template <class Field>
std::optional<std::string_view> single_header(const http::request& req, Field field, bool& repeated) {
    const auto range = req.equal_range(field);
    repeated = false;
    if (range.first == range.second) return std::nullopt;
    if (std::next(range.first) != range.second) {
        repeated = true;
        return std::nullopt;
    }
    return std::string_view(range.first->value().data(), range.first->value().size());
}

bool json_content_type(const http::request& req) {
    bool repeated = false;
    const auto value = single_header(req, http::beast_http::field::content_type, repeated);
    if (!value) return false;
    return iequals(trim(value->substr(0, value->find(';'))), "application/json");
}

bool same_origin(const http::request& req, std::string_view our_origin) {
    if (our_origin.empty()) return false;
    bool origin_repeated = false;
    bool site_repeated = false;
    const auto origin = single_header(req, http::beast_http::field::origin, origin_repeated);
    const auto site = single_header(req, "Sec-Fetch-Site", site_repeated);
    if (origin_repeated || site_repeated) return false;
    if (!origin && !site) return false;  // no evidence either way: refuse
    if (origin && *origin != our_origin) return false;
    if (site && !iequals(trim(*site), "same-origin")) return false;
    return true;
}

}  // namespace

csrf_failure check_state_changing_request(const http::request& req, std::string_view session_csrf_token,
                                          std::string_view our_origin) {
    if (!json_content_type(req)) return csrf_failure::bad_content_type;
    if (!same_origin(req, our_origin)) return csrf_failure::cross_origin;

    bool repeated = false;
    const auto token = single_header(req, "X-CSRF-Token", repeated);
    if (repeated) return csrf_failure::bad_token;
    if (!token || token->empty()) return csrf_failure::missing_token;
    if (session_csrf_token.empty() || !crypto::constant_time_equal(*token, session_csrf_token)) {
        return csrf_failure::bad_token;
    }
    return csrf_failure::none;
}

bool comes_from_our_origin(const http::request& req, std::string_view our_origin) {
    return same_origin(req, our_origin);
}

const char* to_string(csrf_failure failure) {
    switch (failure) {
        case csrf_failure::none: return "none";
        case csrf_failure::bad_content_type: return "bad_content_type";
        case csrf_failure::missing_token: return "missing_token";
        case csrf_failure::bad_token: return "bad_token";
        case csrf_failure::cross_origin: return "cross_origin";
    }
    return "unknown";
}

const char* csrf_failure_message(csrf_failure failure) {
    switch (failure) {
        case csrf_failure::none: return "The request passed the cross-site checks.";
        case csrf_failure::bad_content_type: return "This endpoint accepts only application/json request bodies.";
        case csrf_failure::missing_token:
            return "The request has no X-CSRF-Token header; reload the page and try again.";
        case csrf_failure::bad_token:
            return "The request's X-CSRF-Token does not match your session; reload the page and try again.";
        case csrf_failure::cross_origin: return "This request did not come from Profile Desk's own page.";
    }
    return "The request failed the cross-site checks.";
}

}  // namespace profiledesk::auth
