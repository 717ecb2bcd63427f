#include "accept_backoff.hpp"

#include <algorithm>

namespace profiledesk::http {

std::chrono::milliseconds accept_backoff::failed() {
    wait_ = wait_.count() == 0 ? first_wait : std::min(wait_ * 2, longest_wait);
    return wait_;
}

std::optional<event_report::line> event_report::note(clock::time_point now) {
    ++count_;
    if (last_line_ && now - *last_line_ < interval_) return std::nullopt;
    const auto since = last_line_ ? std::chrono::duration_cast<std::chrono::seconds>(now - *last_line_)
                                  : std::chrono::seconds{0};
    const line out{count_, since};
    count_ = 0;
    last_line_ = now;
    return out;
}

}  // namespace profiledesk::http
