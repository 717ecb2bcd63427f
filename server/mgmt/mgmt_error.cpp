#include "mgmt/mgmt_error.hpp"

namespace profiledesk::mgmt {

std::string_view to_string(mgmt_error e) {
    switch (e) {
        case mgmt_error::none: return "none";
        case mgmt_error::unauthorized: return "unauthorized";
        case mgmt_error::forbidden: return "forbidden";
        case mgmt_error::not_found: return "not_found";
        case mgmt_error::bad_request: return "bad_request";
        case mgmt_error::rate_limited: return "rate_limited";
        case mgmt_error::upstream_unavailable: return "upstream_unavailable";
        case mgmt_error::timeout: return "timeout";
        case mgmt_error::network: return "network";
        case mgmt_error::circuit_open: return "circuit_open";
        case mgmt_error::bad_response: return "bad_response";
        case mgmt_error::store_unavailable: return "store_unavailable";
    }
    return "unknown";
}

}  // namespace profiledesk::mgmt
