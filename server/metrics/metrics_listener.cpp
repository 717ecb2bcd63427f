#include "metrics/metrics_listener.hpp"

#include <boost/asio/ip/address.hpp>

namespace profiledesk::metrics {

http::router metrics_router(const registry& r) {
    http::router routes;
    routes.add(http::beast_http::verb::get, "/metrics", [&r](http::request&& req, http::responder respond) {
        http::response res{http::beast_http::status::ok, req.version()};
        res.set(http::beast_http::field::content_type, text_content_type);
        res.set(http::beast_http::field::cache_control, "no-store");
        res.body() = r.expose();
        res.prepare_payload();
        respond(std::move(res));
    });
    return routes;
}

std::shared_ptr<http::listener> start_metrics_listener(boost::asio::io_context& ioc,
                                                       const http::listen_address& address,
                                                       const http::router& routes) {
    // Scrapers are few (a Prometheus or two, a person with curl): a small cap
    // keeps a misbehaving client from holding many descriptors.
    http::connection_caps::limits caps;
    caps.max_connections = 16;
    caps.max_per_client = 8;
    const boost::asio::ip::tcp::endpoint endpoint{boost::asio::ip::make_address(address.host), address.port};
    auto l = std::make_shared<http::listener>(ioc, endpoint, routes, http::connection_limits{}, false, nullptr, caps);
    l->run();
    return l;
}

}  // namespace profiledesk::metrics
