// Request ids: each request gets one, every log line written while handling
// it carries it (log/log.hpp), and the response echoes it in X-Request-Id.
//
// How it travels: the connection chooses the id, sets it on the request as
// request_id_field (types.hpp; replacing any the client sent) and keeps it
// for its access line and the response. A handler reads it with
// request_id_of(req) and, when it answers later (upstream callbacks), copies
// the log::request_id (a small value, no allocation) into its callback, as it
// already copies the session or the user id. No thread-local context: an
// Asio completion runs on any thread, so only what the callback holds is sure
// to be there.
#pragma once

#include "types.hpp"

#include "log/log.hpp"

#include <string_view>

namespace profiledesk::http {

// 128 random bits (OpenSSL's CSPRNG) as 32 lowercase hex digits: unique
// across instances and restarts without coordination.
log::request_id new_request_id();

// What we accept from a proxy's X-Request-Id: 1 to 64 characters of
// [A-Za-z0-9._:-] (UUIDs, hex, base64url without padding, nginx's
// $request_id): nothing that could break a log line, a header or a search.
bool is_sane_request_id(std::string_view id);

// The id for a request read from the network: its X-Request-Id when
// `trust_client` (only behind TRUSTED_PROXIES: our own proxy set it, or passed
// on its client's, which the operator chose to trust) and it is sane; else a
// new one. A client that reaches us directly never chooses its id, so it
// cannot make its lines look like another request's.
log::request_id request_id_for(const request& req, bool trust_client);

// The id the connection gave `req` (empty outside a connection, e.g. in unit tests).
log::request_id request_id_of(const request& req);

}  // namespace profiledesk::http
