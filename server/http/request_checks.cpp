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
