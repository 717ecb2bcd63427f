// The HTTP vocabulary every server library shares.
#pragma once

#include <boost/beast/http.hpp>

#include <functional>

namespace profiledesk::http {

namespace beast_http = boost::beast::http;

using request = beast_http::request<beast_http::string_body>;
using response = beast_http::response<beast_http::string_body>;

// Called exactly once with the answer to a request, from any thread; the
// connection writes it on its own strand. Handlers may answer later (after an
// upstream call), so a handler never returns its response directly.
using responder = std::function<void(response)>;
using handler = std::function<void(request&&, responder)>;

// A response carrying this header is not sent: the connection is closed at
// once instead, as if the server had died mid-request. Only for fault
// injection in tests (localtenant's admin endpoint).
inline constexpr const char* drop_connection_field = "X-Internal-Drop-Connection";

// The address of the connection's peer, set by the connection on every
// request it reads (replacing any the client sent): per_client_budget.hpp.
inline constexpr const char* client_address_field = "X-Internal-Client-Address";

// A handler that called upstream services says how often in this header; the
// connection puts the count in its log line and never sends the header.
inline constexpr const char* upstream_calls_field = "X-Internal-Upstream-Calls";

// The request's id (request_id.hpp), set by the connection on every request
// it reads (replacing any the client sent).
inline constexpr const char* request_id_field = "X-Internal-Request-Id";

// Names the instance that answered (INSTANCE_ID; connection_limits::instance_id).
inline constexpr const char* instance_field = "X-Profiledesk-Instance";

}  // namespace profiledesk::http
