#include "mgmt/settings.hpp"

#include "http/url.hpp"

namespace profiledesk::mgmt {

std::vector<std::string> validate(const mgmt_settings& s) {
    std::vector<std::string> problems;
    const auto url = http::parse_absolute_url(issuer_base(s));
    if (!url || url->target.find('?') != std::string::npos) {
        problems.push_back("issuer: must be an http(s) URL without a query, e.g. https://example.eu.auth0.com");
    }
    if (s.client_id.empty()) problems.push_back("client_id: required (MGMT_CLIENT_ID)");
    if (s.client_secret.empty()) problems.push_back("client_secret: required (MGMT_CLIENT_SECRET)");
    if (s.token_timeout.count() <= 0) problems.push_back("token_timeout: must be positive");
    if (s.attempt_timeout.count() <= 0) problems.push_back("attempt_timeout: must be positive");
    if (s.max_read_attempts < 1) problems.push_back("max_read_attempts: at least 1");
    if (s.backoff_base.count() < 0 || s.backoff_max < s.backoff_base) {
        problems.push_back("backoff_base, backoff_max: 0 <= base <= max");
    }
    if (!(s.backoff_jitter >= 0.0 && s.backoff_jitter <= 1.0)) problems.push_back("backoff_jitter: between 0 and 1");
    if (s.rate_limit_jitter.count() < 0) problems.push_back("rate_limit_jitter: not negative");
    if (s.max_rate_limit_waits < 0) problems.push_back("max_rate_limit_waits: not negative");
    if (!(s.rate_limit_per_second >= 0)) problems.push_back("rate_limit_per_second: not negative (0: no budget)");
    if (s.rate_limit_per_second > 0 && !(s.rate_limit_burst >= 1)) {
        problems.push_back("rate_limit_burst: at least 1 (a bucket that never holds a whole request refuses all)");
    }
    if (s.breaker_threshold < 1) problems.push_back("breaker_threshold: at least 1");
    if (s.breaker_cooldown.count() <= 0) problems.push_back("breaker_cooldown: must be positive");
    if (s.cache_ttl.count() < 0) problems.push_back("cache_ttl: not negative (0 disables the cache)");
    return problems;
}

std::string issuer_base(const mgmt_settings& s) {
    std::string base = s.issuer;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

std::string effective_audience(const mgmt_settings& s) {
    return s.audience.empty() ? issuer_base(s) + "/api/v2/" : s.audience;
}

std::string token_url(const mgmt_settings& s) { return issuer_base(s) + "/oauth/token"; }

std::string client_credentials_body(const mgmt_settings& s) {
    return http::encode_query({{"grant_type", "client_credentials"},
                               {"client_id", s.client_id},
                               {"client_secret", s.client_secret},
                               {"audience", effective_audience(s)}});
}

std::string user_url(const mgmt_settings& s, std::string_view user_id) {
    return issuer_base(s) + "/api/v2/users/" + http::percent_encode(user_id);
}

}  // namespace profiledesk::mgmt
