#include "metrics/exposition.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace profiledesk::metrics;

TEST_CASE("exposition: counters and gauges, with HELP and TYPE, labels in order") {
    family_snapshot requests{"app_requests_total", "Requests answered.", metric_type::counter, {}};
    requests.samples.push_back({{{"method", "GET"}, {"status", "200"}}, 3, {}, 0});
    requests.samples.push_back({{{"method", "PATCH"}, {"status", "409"}}, 1, {}, 0});
    family_snapshot sessions{"app_sessions", "Sessions held.", metric_type::gauge, {}};
    sessions.samples.push_back({{}, 12, {}, 0});
    CHECK(format_text({requests, sessions}) ==
          "# HELP app_requests_total Requests answered.\n"
          "# TYPE app_requests_total counter\n"
          "app_requests_total{method=\"GET\",status=\"200\"} 3\n"
          "app_requests_total{method=\"PATCH\",status=\"409\"} 1\n"
          "# HELP app_sessions Sessions held.\n"
          "# TYPE app_sessions gauge\n"
          "app_sessions 12\n");
}

TEST_CASE("exposition: a histogram writes cumulative buckets up to +Inf, then _sum and _count") {
    const double inf = std::numeric_limits<double>::infinity();
    family_snapshot h{"app_duration_seconds", "How long.", metric_type::histogram, {}};
    h.samples.push_back({{{"route", "/api/profile"}}, 0, {{0.005, 1}, {0.25, 3}, {inf, 4}}, 1.5});
    h.samples.push_back({{}, 0, {{0.005, 0}, {0.25, 0}, {inf, 0}}, 0});
    CHECK(format_text({h}) ==
          "# HELP app_duration_seconds How long.\n"
          "# TYPE app_duration_seconds histogram\n"
          "app_duration_seconds_bucket{route=\"/api/profile\",le=\"0.005\"} 1\n"
          "app_duration_seconds_bucket{route=\"/api/profile\",le=\"0.25\"} 3\n"
          "app_duration_seconds_bucket{route=\"/api/profile\",le=\"+Inf\"} 4\n"
          "app_duration_seconds_sum{route=\"/api/profile\"} 1.5\n"
          "app_duration_seconds_count{route=\"/api/profile\"} 4\n"
          "app_duration_seconds_bucket{le=\"0.005\"} 0\n"
          "app_duration_seconds_bucket{le=\"0.25\"} 0\n"
          "app_duration_seconds_bucket{le=\"+Inf\"} 0\n"
          "app_duration_seconds_sum 0\n"
          "app_duration_seconds_count 0\n");
}

TEST_CASE("exposition: label values escape backslash, double quote and newline; HELP backslash and newline") {
    CHECK(escape_label_value(R"(a\b"c)"
                             "\nd") == R"(a\\b\"c\nd)");
    CHECK(escape_help("a\\b \"quoted\"\nnext") == "a\\\\b \"quoted\"\\nnext");
    family_snapshot f{"app_events_total", "Events.\nSecond line \\ here.", metric_type::counter, {}};
    f.samples.push_back({{{"reason", "say \"hi\"\\\n"}}, 1, {}, 0});
    CHECK(format_text({f}) ==
          "# HELP app_events_total Events.\\nSecond line \\\\ here.\n"
          "# TYPE app_events_total counter\n"
          "app_events_total{reason=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
}

TEST_CASE("exposition: values read back as the same number") {
    CHECK(format_value(0) == "0");
    CHECK(format_value(42) == "42");
    CHECK(format_value(0.005) == "0.005");
    CHECK(format_value(2.5) == "2.5");
    CHECK(format_value(1764777600.25) == "1764777600.25");
    CHECK(format_value(-3) == "-3");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(std::stod(format_value(0.1 + 0.2)) == 0.1 + 0.2);
}

TEST_CASE("exposition: a family without series is left out") {
    CHECK(format_text({family_snapshot{"app_empty_total", "Nothing yet.", metric_type::counter, {}}}).empty());
}

TEST_CASE("exposition: metric and label names as Prometheus reads them") {
    CHECK(is_metric_name("profiledesk_http_request_duration_seconds"));
    CHECK(is_metric_name("ns:rule_name"));
    CHECK(is_metric_name("_x9"));
    CHECK_FALSE(is_metric_name(""));
    CHECK_FALSE(is_metric_name("9lives"));
    CHECK_FALSE(is_metric_name("with-dash"));
    CHECK_FALSE(is_metric_name("with space"));
    CHECK(is_label_name("route"));
    CHECK(is_label_name("_x"));
    CHECK_FALSE(is_label_name("__reserved"));
    CHECK_FALSE(is_label_name("a:b"));
    CHECK_FALSE(is_label_name("1a"));
    CHECK_FALSE(is_label_name(""));
}
