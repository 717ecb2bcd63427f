// Counters, gauges and histograms with labels, and the registry that holds
// them and snapshots them for exposition.hpp.
//
// The hot path is an atomic add: a family's series (one per set of label
// values) is found under a shared lock, with no allocation once it exists,
// and callers with fixed label values keep the reference labels() returns
// (valid as long as the registry). Label values must come from a bounded set
// (a route pattern, never a raw path; a status code; a reason code of ours):
// each new set of values is a series Prometheus stores forever.
//
// Values kept elsewhere (the Management API client's counters, /proc) are
// not copied into metrics: a collector reads them at scrape time.
#pragma once

#include "metrics/exposition.hpp"

#include <atomic>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::metrics {

class counter {
public:
    void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

class gauge {
public:
    void set(double v) { value_.store(v, std::memory_order_relaxed); }
    void add(double d);
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0};
};

class histogram {
public:
    // `bounds`: ascending upper bounds, without +Inf; outlives the histogram.
    explicit histogram(const std::vector<double>& bounds);
    void observe(double v);
    // Cumulative buckets ending with +Inf, and the sum.
    void snapshot(series& into) const;

private:
    const std::vector<double>& bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, not cumulative; the last is +Inf
    std::atomic<double> sum_{0};
};

// Prometheus' default buckets (seconds): a web request from 5 ms to 10 s.
inline const std::vector<double>& default_seconds_buckets() {
    static const std::vector<double> b{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return b;
}

// One metric name and its series, one per set of label values.
template <class Metric>
class family {
public:
    family(std::string name, std::string help, metric_type type, std::vector<std::string> label_names,
           std::vector<double> bounds = {});

    // The series with these label values (one per label name, in order),
    // made on first use. Throws std::invalid_argument on a wrong count.
    Metric& labels(std::initializer_list<std::string_view> values);

    family_snapshot snapshot() const;
    const std::string& name() const { return name_; }

private:
    // Orders stored label values against looked-up ones without copying them.
    struct values_less {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
        }
    };

    const std::string name_, help_;
    const metric_type type_;
    const std::vector<std::string> label_names_;
    const std::vector<double> bounds_;  // histograms
    mutable std::shared_mutex mutex_;
    std::map<std::vector<std::string>, std::unique_ptr<Metric>, values_less> series_;
};

class registry {
public:
    registry() = default;
    registry(const registry&) = delete;
    registry& operator=(const registry&) = delete;

    // Each throws std::invalid_argument for a name Prometheus would refuse, a
    // name taken, or a counter not ending in _total. A family without labels
    // has its one series from the start (it reads 0 before the first event).
    family<counter>& add_counter(std::string name, std::string help, std::vector<std::string> label_names = {});
    family<gauge>& add_gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
    // `bounds`: ascending, finite; +Inf is added.
    family<histogram>& add_histogram(std::string name, std::string help, std::vector<std::string> label_names,
                                     std::vector<double> bounds = default_seconds_buckets());

    // Families read at scrape time; `collect` appends them (names not checked
    // against the others': keep them apart).
    void add_collector(std::function<void(std::vector<family_snapshot>&)> collect);

    // Every family and collector's families, in the order they were added.
    std::vector<family_snapshot> collect() const;
    // collect() in the text format.
    std::string expose() const { return format_text(collect()); }

private:
    void claim(const std::string& name, const std::vector<std::string>& label_names, metric_type type);

    mutable std::mutex mutex_;
    std::vector<std::string> names_;
    std::vector<std::function<void(std::vector<family_snapshot>&)>> snapshots_;  // owned families, then collectors
    std::vector<std::unique_ptr<family<counter>>> counters_;
    std::vector<std::unique_ptr<family<gauge>>> gauges_;
    std::vector<std::unique_ptr<family<histogram>>> histograms_;
};

}  // namespace profiledesk::metrics
