#include "metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace profiledesk::metrics {

namespace {

// std::atomic<double> has no fetch_add before C++20.
void atomic_add(std::atomic<double>& a, double d) {
    double old = a.load(std::memory_order_relaxed);
    while (!a.compare_exchange_weak(old, old + d, std::memory_order_relaxed)) {
    }
}

}  // namespace

void gauge::add(double d) { atomic_add(value_, d); }

histogram::histogram(const std::vector<double>& bounds)
    : bounds_(bounds), counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {
    for (std::size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void histogram::observe(double v) {
    // The first bound >= v: Prometheus buckets are "less than or equal".
    const auto i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    atomic_add(sum_, v);
}

void histogram::snapshot(series& into) const {
    std::uint64_t cumulative = 0;
    into.buckets.clear();
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        cumulative += counts_[i].load(std::memory_order_relaxed);
        into.buckets.push_back({i < bounds_.size() ? bounds_[i] : std::numeric_limits<double>::infinity(), cumulative});
    }
    into.sum = sum_.load(std::memory_order_relaxed);
}

template <class Metric>
family<Metric>::family(std::string name, std::string help, metric_type type, std::vector<std::string> label_names,
                       std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {
    if (label_names_.empty()) labels({});
}

template <class Metric>
Metric& family<Metric>::labels(std::initializer_list<std::string_view> values) {
    if (values.size() != label_names_.size()) {
        throw std::invalid_argument(name_ + ": " + std::to_string(label_names_.size()) +
                                    " label values expected, got " + std::to_string(values.size()));
    }
    {
        const std::shared_lock lock(mutex_);
        if (const auto it = series_.find(values); it != series_.end()) return *it->second;
    }
    const std::unique_lock lock(mutex_);
    auto& slot = series_[std::vector<std::string>(values.begin(), values.end())];
    if (!slot) {
        if constexpr (std::is_same_v<Metric, histogram>) {
            slot = std::make_unique<histogram>(bounds_);
        } else {
            slot = std::make_unique<Metric>();
        }
    }
    return *slot;
}

template <class Metric>
family_snapshot family<Metric>::snapshot() const {
    family_snapshot f{name_, help_, type_, {}};
    const std::shared_lock lock(mutex_);
    f.samples.reserve(series_.size());
    for (const auto& [values, metric] : series_) {
        series s;
        for (std::size_t i = 0; i < values.size(); ++i) s.labels.push_back({label_names_[i], values[i]});
        if constexpr (std::is_same_v<Metric, histogram>) {
            metric->snapshot(s);
        } else {
            s.value = static_cast<double>(metric->value());
        }
        f.samples.push_back(std::move(s));
    }
    return f;
}

template class family<counter>;
template class family<gauge>;
template class family<histogram>;

void registry::claim(const std::string& name, const std::vector<std::string>& label_names, metric_type type) {
    if (!is_metric_name(name)) throw std::invalid_argument("not a Prometheus metric name: '" + name + "'");
    if (type == metric_type::counter && (name.size() < 6 || name.substr(name.size() - 6) != "_total")) {
        throw std::invalid_argument(name + ": a counter's name ends in _total");
    }
    for (const auto& l : label_names) {
        if (!is_label_name(l) || (type == metric_type::histogram && l == "le")) {
            throw std::invalid_argument(name + ": not a usable label name: '" + l + "'");
        }
    }
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
        throw std::invalid_argument(name + " is registered twice");
    }
    names_.push_back(name);
}

family<counter>& registry::add_counter(std::string name, std::string help, std::vector<std::string> label_names) {
    const std::lock_guard lock(mutex_);
    claim(name, label_names, metric_type::counter);
    auto& f = *counters_.emplace_back(std::make_unique<family<counter>>(std::move(name), std::move(help),
                                                                        metric_type::counter, std::move(label_names)));
    snapshots_.emplace_back([&f](std::vector<family_snapshot>& out) { out.push_back(f.snapshot()); });
    return f;
}

family<gauge>& registry::add_gauge(std::string name, std::string help, std::vector<std::string> label_names) {
    const std::lock_guard lock(mutex_);
    claim(name, label_names, metric_type::gauge);
    auto& f = *gauges_.emplace_back(
        std::make_unique<family<gauge>>(std::move(name), std::move(help), metric_type::gauge, std::move(label_names)));
    snapshots_.emplace_back([&f](std::vector<family_snapshot>& out) { out.push_back(f.snapshot()); });
    return f;
}

family<histogram>& registry::add_histogram(std::string name, std::string help, std::vector<std::string> label_names,
                                           std::vector<double> bounds) {
    const std::lock_guard lock(mutex_);
    claim(name, label_names, metric_type::histogram);
    if (bounds.empty() || !std::is_sorted(bounds.begin(), bounds.end()) ||
        std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end() ||
        !std::all_of(bounds.begin(), bounds.end(), [](double b) { return std::isfinite(b); })) {
        names_.pop_back();
        throw std::invalid_argument(name + ": bucket bounds must be finite and strictly ascending");
    }
    auto& f = *histograms_.emplace_back(std::make_unique<family<histogram>>(
        std::move(name), std::move(help), metric_type::histogram, std::move(label_names), std::move(bounds)));
    snapshots_.emplace_back([&f](std::vector<family_snapshot>& out) { out.push_back(f.snapshot()); });
    return f;
}

void registry::add_collector(std::function<void(std::vector<family_snapshot>&)> collect) {
    const std::lock_guard lock(mutex_);
    snapshots_.push_back(std::move(collect));
}

std::vector<family_snapshot> registry::collect() const {
    const std::lock_guard lock(mutex_);
    std::vector<family_snapshot> out;
    for (const auto& snapshot : snapshots_) snapshot(out);
    return out;
}

}  // namespace profiledesk::metrics
