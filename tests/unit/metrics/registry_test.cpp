#include "metrics/registry.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace profiledesk::metrics;

TEST_CASE("registry: a series is made once per set of label values, and keeps its count") {
    registry r;
    auto& sign_ins = r.add_counter("app_sign_ins_total", "Sign-ins.", {"outcome"});
    auto& success = sign_ins.labels({"success"});
    CHECK(&sign_ins.labels({"success"}) == &success);
    success.inc();
    success.inc(2);
    sign_ins.labels({"state_mismatch"}).inc();
    CHECK(success.value() == 3);
    CHECK(r.expose() ==
          "# HELP app_sign_ins_total Sign-ins.\n"
          "# TYPE app_sign_ins_total counter\n"
          "app_sign_ins_total{outcome=\"state_mismatch\"} 1\n"
          "app_sign_ins_total{outcome=\"success\"} 3\n");
}

TEST_CASE("registry: a family without labels reads 0 before its first event") {
    registry r;
    r.add_counter("app_conflicts_total", "Conflicts.");
    auto& g = r.add_gauge("app_temperature_celsius", "Heat.");
    g.labels({}).set(21.5);
    g.labels({}).add(-1);
    CHECK(r.expose() ==
          "# HELP app_conflicts_total Conflicts.\n"
          "# TYPE app_conflicts_total counter\n"
          "app_conflicts_total 0\n"
          "# HELP app_temperature_celsius Heat.\n"
          "# TYPE app_temperature_celsius gauge\n"
          "app_temperature_celsius 20.5\n");
}

TEST_CASE("registry: histogram buckets are 'less than or equal', cumulative, and count what +Inf counts") {
    registry r;
    auto& h = r.add_histogram("app_duration_seconds", "Time.", {}, {0.125, 1});
    for (const double v : {0.0625, 0.125, 0.5, 1.0, 7.0}) h.labels({}).observe(v);  // sums exactly in binary
    CHECK(r.expose() ==
          "# HELP app_duration_seconds Time.\n"
          "# TYPE app_duration_seconds histogram\n"
          "app_duration_seconds_bucket{le=\"0.125\"} 2\n"
          "app_duration_seconds_bucket{le=\"1\"} 4\n"
          "app_duration_seconds_bucket{le=\"+Inf\"} 5\n"
          "app_duration_seconds_sum 8.6875\n"
          "app_duration_seconds_count 5\n");
}

TEST_CASE("registry: what Prometheus would refuse is refused at registration") {
    registry r;
    r.add_counter("app_ok_total", "Fine.");
    CHECK_THROWS_AS(r.add_counter("app_ok_total", "Twice."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_gauge("app_ok_total", "Twice, as another type."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_counter("app_requests", "A counter without _total."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_gauge("app-bad", "A dash."), std::invalid_argument);
    CHECK_THROWS_AS(r.add_gauge("app_g", "A reserved label.", {"__name"}), std::invalid_argument);
    CHECK_THROWS_AS(r.add_histogram("app_h", "le is the bucket's.", {"le"}), std::invalid_argument);
    CHECK_THROWS_AS(r.add_histogram("app_h", "Not ascending.", {}, {1, 0.5}), std::invalid_argument);
    CHECK_THROWS_AS(r.add_histogram("app_h", "No buckets.", {}, {}), std::invalid_argument);
    auto& h = r.add_histogram("app_h", "Refusals above left the name free.", {"route"});
    CHECK_THROWS_AS(h.labels({}), std::invalid_argument);
    CHECK_THROWS_AS(h.labels({"a", "b"}), std::invalid_argument);
}

TEST_CASE("registry: collectors add families read at scrape time, in the order added") {
    registry r;
    int scrapes = 0;
    r.add_collector([&scrapes](std::vector<family_snapshot>& out) {
        ++scrapes;
        family_snapshot f{"app_scrapes_total", "Scrapes seen.", metric_type::counter, {}};
        f.samples.push_back({{}, static_cast<double>(scrapes), {}, 0});
        out.push_back(f);
    });
    r.add_counter("app_after_total", "Added after the collector.");
    r.expose();
    CHECK(r.expose() ==
          "# HELP app_scrapes_total Scrapes seen.\n"
          "# TYPE app_scrapes_total counter\n"
          "app_scrapes_total 2\n"
          "# HELP app_after_total Added after the collector.\n"
          "# TYPE app_after_total counter\n"
          "app_after_total 0\n");
}

TEST_CASE("registry: concurrent increments and new series lose nothing") {
    registry r;
    auto& requests = r.add_counter("app_requests_total", "Requests.", {"status"});
    auto& took = r.add_histogram("app_seconds", "Time.", {"status"}, {0.5});
    constexpr int threads = 4, per_thread = 20000;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            const std::string mine = std::to_string(200 + t);
            for (int i = 0; i < per_thread; ++i) {
                requests.labels({i % 2 ? "500" : std::string_view(mine)}).inc();
                took.labels({"200"}).observe(1);
            }
        });
    }
    for (auto& t : pool) t.join();
    CHECK(requests.labels({"500"}).value() == threads * per_thread / 2);
    for (int t = 0; t < threads; ++t) CHECK(requests.labels({std::to_string(200 + t)}).value() == per_thread / 2);
    const auto snapshot = r.collect();
    REQUIRE(snapshot.size() == 2);
    const auto& h = snapshot[1].samples.at(0);
    CHECK(h.buckets.back().cumulative_count == threads * per_thread);
    CHECK(h.sum == threads * per_thread);
}
