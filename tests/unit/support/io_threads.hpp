// An io_context run by two threads, as in the server, for tests of
// asynchronous code: callbacks really arrive on other threads.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <thread>

namespace profiledesk::testing {

struct io_threads {
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{ioc.get_executor()};
    std::thread a{[this] { ioc.run(); }}, b{[this] { ioc.run(); }};
    ~io_threads() {
        work.reset();
        ioc.stop();
        a.join();
        b.join();
    }
};

}  // namespace profiledesk::testing
