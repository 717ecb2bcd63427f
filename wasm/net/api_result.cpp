#include "net/api_result.hpp"

#include "app/i18n.hpp"
#include "profiledesk/core/api_errors.hpp"

#include <cstdlib>

namespace profiledesk::app::net {

std::string_view to_string(outcome o) {
    switch (o) {
        case outcome::ok: return "ok";
        case outcome::unauthenticated: return "unauthenticated";
        case outcome::account_blocked: return "account_blocked";
        case outcome::account_deleted: return "account_deleted";
        case outcome::reauthenticate: return "reauthenticate";
        case outcome::conflict: return "conflict";
        case outcome::validation: return "validation";
        case outcome::refused: return "refused";
        case outcome::rate_limited: return "rate_limited";
        case outcome::upstream: return "upstream";
        case outcome::network: return "network";
    }
    return "network";
}

api_result classify(int status, const std::string& body, const std::string& retry_after,
                    const std::string& network_error) {
    api_result r;
    r.status = status;
    if (status == 0) {
        r.kind = outcome::network;
        r.message = network_error.empty() ? tr("status.network")
                                          : tr("status.network_because", {{"reason", network_error}});
        return r;
    }
    r.body = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (r.body.is_discarded()) r.body = nullptr;
    if (r.body.is_object()) {
        if (const auto it = r.body.find("error"); it != r.body.end() && it->is_string()) r.error = *it;
        if (const auto it = r.body.find("message"); it != r.body.end() && it->is_string()) r.message = *it;
    }
    if (!retry_after.empty()) {
        char* end = nullptr;
        const long v = std::strtol(retry_after.c_str(), &end, 10);
        if (end != retry_after.c_str() && *end == '\0' && v > 0 && v < 86400) r.retry_after_s = static_cast<int>(v);
    }
    if (status >= 200 && status < 300) {
        r.kind = outcome::ok;
    } else if (status == 401) {
        r.kind = r.error == core::api_error::account_blocked             ? outcome::account_blocked
                 : r.error == core::api_error::account_deleted           ? outcome::account_deleted
                 : r.error == core::api_error::reauthentication_required ? outcome::reauthenticate
                                                                         : outcome::unauthenticated;
    } else if (status == 409) {
        r.kind = outcome::conflict;
    } else if (status == 400 &&
               (r.error == core::api_error::validation_failed || r.error == core::api_error::field_not_allowed)) {
        r.kind = outcome::validation;
    } else if (status == 429 || (status == 503 && r.error == core::api_error::upstream_rate_limited)) {
        r.kind = outcome::rate_limited;
    } else if (status >= 500) {
        r.kind = outcome::upstream;
    } else {
        r.kind = outcome::refused;
    }
    if (r.message.empty()) {
        switch (r.kind) {
            case outcome::rate_limited: r.message = tr("status.server_busy"); break;
            case outcome::upstream: r.message = tr("status.server_failed", {{"status", std::to_string(status)}}); break;
            default: r.message = tr("status.server_answered", {{"status", std::to_string(status)}}); break;
        }
    }
    return r;
}

}  // namespace profiledesk::app::net
