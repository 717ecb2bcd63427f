// Answers of the routes that read the user record through the Management
// API: the same status and stable error code when it did not give us the
// user, and the count of upstream calls for the connection's log line.
#pragma once

#include "http/types.hpp"
#include "mgmt/users_client.hpp"

namespace profiledesk::api {

http::response upstream_failure(const mgmt::mgmt_result& r);

// 502 upstream_bad_response: a user record we cannot read.
http::response unusable_record();

// Sends `res`, telling the connection's log line how many upstream calls it took.
void answer(const http::responder& respond, http::response res, int upstream_calls);

}  // namespace profiledesk::api
