#include "mgmt/token_expiry.hpp"

#include <algorithm>

namespace profiledesk::mgmt {

std::chrono::milliseconds token_refresh_margin(std::chrono::seconds expires_in) {
    const std::chrono::milliseconds life = expires_in;
    return std::clamp(life / 10, std::chrono::milliseconds(0), std::chrono::milliseconds(60'000));
}

std::chrono::steady_clock::time_point token_refresh_at(std::chrono::steady_clock::time_point requested_at,
                                                       std::chrono::seconds expires_in) {
    if (expires_in <= std::chrono::seconds(0)) return requested_at;
    return requested_at + expires_in - token_refresh_margin(expires_in);
}

}  // namespace profiledesk::mgmt
