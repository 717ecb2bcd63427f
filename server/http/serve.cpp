#include "serve.hpp"

#include "listener.hpp"
#include "log/log.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/resource.h>

#include <thread>
#include <vector>

namespace profiledesk::http {

namespace net = boost::asio;

namespace {

// Polls until every connection has closed or the deadline passes, then stops the loop.
void drain(net::io_context& ioc, std::shared_ptr<listener> l, std::chrono::steady_clock::time_point deadline) {
    if (l->open_connections() == 0 || std::chrono::steady_clock::now() >= deadline) {
        ioc.stop();
        return;
    }
    auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(50));
    timer->async_wait([&ioc, l, deadline, timer](boost::system::error_code) { drain(ioc, l, deadline); });
}

// Raises the soft open-file limit to the hard one and says what it got;
// returns the soft limit in effect.
std::uint64_t raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;  // Linux's usual soft limit
    const auto before = limit.rlim_cur;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    log::info("http: open-file limit", {{"limit", limit.rlim_cur}, {"raised_from", before}});
    return limit.rlim_cur;
}

}  // namespace

int serve(net::io_context& ioc, const router& routes, const serve_options& options) {
    const auto open_files = raise_open_file_limit();
    connection_caps::limits caps;
    caps.max_connections = options.max_connections ? options.max_connections : default_max_connections(open_files);
    caps.max_per_client = options.max_connections_per_client ? options.max_connections_per_client
                                                             : caps.max_connections;
    log::info("http: connection caps",
              {{"max_connections", caps.max_connections}, {"max_per_client", caps.max_per_client}});
    if (caps.max_connections >= open_files) {
        log::warn(
            "http: the connection cap is not below the open-file limit: a flood of connections exhausts file "
            "descriptors",
            {{"max_connections", caps.max_connections}, {"open_file_limit", open_files}});
    }
    std::shared_ptr<listener> l;
    try {
        const net::ip::tcp::endpoint endpoint{net::ip::make_address(options.host), options.port};
        l = std::make_shared<listener>(ioc, endpoint, routes, options.limits, options.https, options.tls, caps);
    } catch (const std::exception& e) {
        log::error("http: cannot listen",
                   {{"host", log::text(options.host)}, {"port", options.port}, {"error", log::text(e.what())}});
        return 1;
    }
    l->run();
    if (options.on_listening) options.on_listening(l->port());

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (ec) return;
        log::info("shutting down: finishing open requests");
        l->shutdown();
        drain(ioc, l, std::chrono::steady_clock::now() + options.drain_timeout);
    });

    // An exception escaping a completion handler is logged and the loop goes on
    // (Beast's advanced server does the same): one failed request, not an outage.
    const auto run = [&ioc] {
        for (;;) {
            try {
                ioc.run();
                return;
            } catch (const std::exception& e) {
                log::error("http: unhandled exception in an I/O handler", {{"error", log::text(e.what())}});
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < options.threads; ++i) threads.emplace_back(run);
    run();
    for (auto& t : threads) t.join();
    return 0;
}

}  // namespace profiledesk::http
