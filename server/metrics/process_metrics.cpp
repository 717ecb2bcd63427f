#include "metrics/process_metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace profiledesk::metrics {

namespace {

std::optional<std::uint64_t> to_number(std::string_view s) {
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}

std::optional<std::string> read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

family_snapshot one(const char* name, const char* help, metric_type type, double value) {
    family_snapshot f{name, help, type, {}};
    f.samples.push_back({{}, value, {}, 0});
    return f;
}

}  // namespace

std::optional<proc_stat> parse_proc_stat(std::string_view text) {
    const auto close = text.rfind(')');
    if (close == std::string_view::npos) return std::nullopt;
    // Fields from the 3rd (state) on, separated by single spaces.
    std::vector<std::string_view> fields;
    auto rest = text.substr(close + 1);
    while (!rest.empty()) {
        const auto start = rest.find_first_not_of(" \n");
        if (start == std::string_view::npos) break;
        rest = rest.substr(start);
        const auto end = rest.find_first_of(" \n");
        fields.push_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    const auto field = [&](std::size_t n) { return n - 3 < fields.size() ? to_number(fields[n - 3]) : std::nullopt; };
    const auto utime = field(14), stime = field(15), start = field(22), vsize = field(23), rss = field(24);
    if (!utime || !stime || !start || !vsize || !rss) return std::nullopt;
    return proc_stat{*utime, *stime, *start, *vsize, *rss};
}

std::optional<std::uint64_t> parse_boot_time(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        const auto line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (line.substr(0, 6) == "btime ") return to_number(line.substr(6));
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return std::nullopt;
}

std::vector<family_snapshot> process_families(const process_sample& s) {
    const double ticks = static_cast<double>(s.ticks_per_second > 0 ? s.ticks_per_second : 100);
    const double cpu = static_cast<double>(s.stat.utime_ticks + s.stat.stime_ticks) / ticks;
    const double start = static_cast<double>(s.boot_time) + static_cast<double>(s.stat.start_ticks) / ticks;
    return {
        one("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", metric_type::counter, cpu),
        one("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", metric_type::gauge,
            start),
        one("process_resident_memory_bytes", "Resident memory size in bytes.", metric_type::gauge,
            static_cast<double>(s.stat.rss_pages) * static_cast<double>(s.page_size)),
        one("process_virtual_memory_bytes", "Virtual memory size in bytes.", metric_type::gauge,
            static_cast<double>(s.stat.vsize_bytes)),
        one("process_open_fds", "Number of open file descriptors.", metric_type::gauge,
            static_cast<double>(s.open_fds)),
        one("process_max_fds", "Maximum number of open file descriptors.", metric_type::gauge,
            static_cast<double>(s.max_fds)),
    };
}

void add_process_metrics(registry& r) {
    r.add_collector([](std::vector<family_snapshot>& out) {
        const auto stat_text = read_file("/proc/self/stat");
        const auto boot_text = read_file("/proc/stat");
        const auto stat = stat_text ? parse_proc_stat(*stat_text) : std::nullopt;
        const auto boot = boot_text ? parse_boot_time(*boot_text) : std::nullopt;
        if (!stat || !boot) return;
        process_sample s;
        s.stat = *stat;
        s.boot_time = *boot;
        std::error_code ec;
        for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
            ++s.open_fds;
        }
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) == 0) s.max_fds = limit.rlim_cur;
        s.ticks_per_second = sysconf(_SC_CLK_TCK);
        s.page_size = sysconf(_SC_PAGESIZE);
        for (auto& f : process_families(s)) out.push_back(std::move(f));
    });
}

void add_build_info(registry& r, std::string_view version) {
    r.add_gauge("profiledesk_build_info", "The version of profiledesk running (always 1).", {"version"})
        .labels({version})
        .set(1);
}

}  // namespace profiledesk::metrics
