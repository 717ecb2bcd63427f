// Our answer when the Management API did not give us the user: the same
// status and stable error code for every route that reads the user record.
#pragma once

#include "http/types.hpp"
#include "mgmt/users_client.hpp"

namespace profiledesk::api {

http::response upstream_failure(const mgmt::mgmt_result& r);

// 502 upstream_bad_response: a user record we cannot read.
http::response unusable_record();

}  // namespace profiledesk::api
