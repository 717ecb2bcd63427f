// Prometheus' text exposition format, version 0.0.4: what GET /metrics
// answers (https://prometheus.io/docs/instrumenting/exposition_formats/).
// Pure: a snapshot of metric families in, the text out.
//
//   # HELP <name> <help, with \ and newline escaped>
//   # TYPE <name> counter|gauge|histogram
//   <name>{<label>="<value, with \ " and newline escaped>",...} <value>
//
// A histogram writes, per series, <name>_bucket{...,le="<bound>"} with
// cumulative counts ending at le="+Inf", then <name>_sum and <name>_count
// (which equals the +Inf bucket). Families without series are left out, as
// the Prometheus client libraries do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::metrics {

inline constexpr const char* text_content_type = "text/plain; version=0.0.4; charset=utf-8";

enum class metric_type { counter, gauge, histogram };

struct label {
    std::string name, value;
};

struct bucket {
    double upper_bound = 0;              // the last bucket's is +infinity
    std::uint64_t cumulative_count = 0;  // observations <= upper_bound
};

// One series: a metric with one set of label values.
struct series {
    std::vector<label> labels;
    double value = 0;             // counter, gauge
    std::vector<bucket> buckets;  // histogram: ascending, ending with +Inf
    double sum = 0;               // histogram
};

struct family_snapshot {
    std::string name;  // counters end in _total
    std::string help;
    metric_type type = metric_type::counter;
    std::vector<series> samples;
};

std::string format_text(const std::vector<family_snapshot>& families);

// The pieces, for tests and for whoever writes a line by hand.
std::string escape_help(std::string_view help);
std::string escape_label_value(std::string_view value);
// Shortest text that reads back as the same double; +Inf, -Inf, NaN.
std::string format_value(double v);

// Metric names: [a-zA-Z_:][a-zA-Z0-9_:]*; label names: [a-zA-Z_][a-zA-Z0-9_]*,
// not starting with "__" (reserved by Prometheus).
bool is_metric_name(std::string_view name);
bool is_label_name(std::string_view name);

}  // namespace profiledesk::metrics
