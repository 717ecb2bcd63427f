// The standard process metrics (the names every Prometheus client library
// exports, https://prometheus.io/docs/instrumenting/writing_clientlibs/#process-metrics),
// read from Linux's /proc at scrape time, and profiledesk_build_info.
//
//   process_cpu_seconds_total       user + system CPU time
//   process_start_time_seconds      since the Unix epoch
//   process_resident_memory_bytes   resident set size
//   process_virtual_memory_bytes    virtual memory size
//   process_open_fds                open file descriptors
//   process_max_fds                 the open-file soft limit
#pragma once

#include "metrics/registry.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace profiledesk::metrics {

// The fields of /proc/<pid>/stat that the metrics need (proc(5)), in the
// kernel's units: clock ticks and pages.
struct proc_stat {
    std::uint64_t utime_ticks = 0, stime_ticks = 0;  // fields 14 and 15
    std::uint64_t start_ticks = 0;                   // field 22: after boot
    std::uint64_t vsize_bytes = 0;                   // field 23
    std::uint64_t rss_pages = 0;                     // field 24
};

// nullopt when the text is not a stat line (the command name, in
// parentheses, may itself hold spaces and parentheses: fields are counted
// from the last ')').
std::optional<proc_stat> parse_proc_stat(std::string_view text);
// The "btime" line of /proc/stat: boot time in seconds since the epoch.
std::optional<std::uint64_t> parse_boot_time(std::string_view proc_stat_text);

struct process_sample {
    proc_stat stat;
    std::uint64_t boot_time = 0;  // seconds since the epoch
    std::uint64_t open_fds = 0;
    std::uint64_t max_fds = 0;
    long ticks_per_second = 100;  // sysconf(_SC_CLK_TCK)
    long page_size = 4096;        // sysconf(_SC_PAGESIZE)
};

// The families for one sample (pure).
std::vector<family_snapshot> process_families(const process_sample& s);

// Registers a collector reading /proc/self at each scrape (nothing when /proc
// cannot be read: the other metrics still answer).
void add_process_metrics(registry& r);

// profiledesk_build_info{version="..."} 1: the version running, to join on.
void add_build_info(registry& r, std::string_view version);

}  // namespace profiledesk::metrics
