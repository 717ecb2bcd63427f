// Checks on a request's header, made before its body is read.
#pragma once

#include "types.hpp"

#include <optional>
#include <string>

namespace profiledesk::http {

// Why a header must be refused (and the connection closed), or nullopt.
//
// Boost 1.74's parser accepts Content-Length together with Transfer-Encoding,
// and transfer codings other than a lone "chunked"; later Boost releases refuse
// both (RFC 9112 6.1, 6.3). A proxy in front of us may frame such a request
// differently than we do, which is request smuggling, so we refuse them here.
std::optional<std::string> framing_problem(const beast_http::request_header<>& header);

}  // namespace profiledesk::http
