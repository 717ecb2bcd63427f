#include "api/per_key_task_queue.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using profiledesk::api::per_key_task_queue;

TEST_CASE("per_key_task_queue: tasks of one key run one at a time, in order") {
    auto s = std::make_shared<per_key_task_queue>();
    std::vector<std::string> log;
    std::function<void()> finish_first;
    s->run("ada", [&](std::function<void()> done) {
        log.push_back("first starts");
        finish_first = done;  // still running: the next task must wait
    });
    s->run("ada", [&](std::function<void()> done) {
        log.push_back("second starts");
        done();
    });
    CHECK(log == std::vector<std::string>{"first starts"});
    CHECK(s->busy_keys() == 1);
    log.push_back("first ends");
    finish_first();
    CHECK(log == std::vector<std::string>{"first starts", "first ends", "second starts"});
    CHECK(s->busy_keys() == 0);
}

TEST_CASE("per_key_task_queue: different keys do not wait for each other") {
    auto s = std::make_shared<per_key_task_queue>();
    int started = 0;
    std::function<void()> hold;
    s->run("ada", [&](std::function<void()> done) {
        ++started;
        hold = done;
    });
    s->run("grace", [&](std::function<void()> done) {
        ++started;
        done();
    });
    CHECK(started == 2);
    hold();
    CHECK(s->busy_keys() == 0);
}
