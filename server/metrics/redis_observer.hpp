// The observe hook of redis::client::options, feeding
// profiledesk_redis_command_duration_seconds and _errors_total by command:
//
//   redis::client::options o;
//   o.observe = metrics::redis_observer();
//
// Header-only: whoever sets the hook links pd_redis (redis::to_string).
#pragma once

#include "metrics/server_metrics.hpp"
#include "redis/client.hpp"

namespace profiledesk::metrics {

inline decltype(redis::client::options::observe) redis_observer() {
    return [](std::string_view command, redis::failure f, redis::client::clock::duration took) {
        server().redis_command(command, f == redis::failure::none ? "" : redis::to_string(f), took);
    };
}

}  // namespace profiledesk::metrics
