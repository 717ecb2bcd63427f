#include "request_checks.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace profiledesk::http {

std::optional<std::string> framing_problem(const beast_http::request_header<>& header) {
    const auto te = header.equal_range(beast_http::field::transfer_encoding);
    const bool has_te = te.first != te.second;
    const bool has_cl = header.count(beast_http::field::content_length) > 0;
    if (has_te && has_cl) return std::string("both Content-Length and Transfer-Encoding");
    if (has_te) {
        if (std::distance(te.first, te.second) != 1) return std::string("repeated Transfer-Encoding");
        const auto value = boost::algorithm::trim_copy(std::string(te.first->value()));
        if (!boost::algorithm::iequals(value, "chunked")) {
            return std::string("Transfer-Encoding other than chunked");
        }
    }
    return std::nullopt;
}

}  // namespace profiledesk::http

namespace profiledesk::http {

header_scan::verdict header_scan::scan(std::string_view received) {
    if (end_ != 0) return verdict::complete;
    for (; seen_ < received.size(); ++seen_) {
        const char c = received[seen_];
        if (c == '\n') {
            if (seen_ == 0 || received[seen_ - 1] != '\r') return verdict::bare_lf;
            const bool empty_line = seen_ - line_start_ == 1;
            line_start_ = seen_ + 1;
            // Empty lines before the request line are ignored (RFC 9112 2.2);
            // the first one after it ends the header section.
            if (empty_line && after_start_line_) {
                end_ = seen_ + 1;
                ++seen_;
                return verdict::complete;
            }
            if (!empty_line) after_start_line_ = true;
        } else if (seen_ == line_start_ && after_start_line_ && (c == ' ' || c == '\t')) {
            return verdict::obs_fold;
        }
    }
    return verdict::incomplete;
}

}  // namespace profiledesk::http
