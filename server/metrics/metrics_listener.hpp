// GET /metrics, on a listener of its own (METRICS_ADDRESS): never on the
// public port, so no user can read our internals, and the operator decides
// who reaches it (loopback by default).
#pragma once

#include "http/listen_address.hpp"
#include "http/listener.hpp"
#include "http/router.hpp"
#include "metrics/registry.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>

namespace profiledesk::metrics {

// A router answering GET /metrics with `r`'s exposition, and 404 (405) to
// anything else.
http::router metrics_router(const registry& r);

// Binds `address` and starts accepting on `ioc`. `routes` must outlive the
// listener. Throws boost::system::system_error when it cannot bind.
std::shared_ptr<http::listener> start_metrics_listener(boost::asio::io_context& ioc,
                                                       const http::listen_address& address, const http::router& routes);

}  // namespace profiledesk::metrics
