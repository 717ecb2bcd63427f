#include "metrics/process_metrics.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace profiledesk::metrics;

namespace {

// A real /proc/<pid>/stat line (proc(5)), its command name made awkward.
const char* stat_line =
    "4242 (pro) fi(le) desk) S 1 4242 4242 0 -1 4194560 1893 0 0 0 250 75 0 0 20 0 3 0 12345 "
    "123456789 2560 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0 0 0 0\n";

}  // namespace

TEST_CASE("process metrics: the stat fields are counted from the last ')'") {
    const auto s = parse_proc_stat(stat_line);
    REQUIRE(s);
    CHECK(s->utime_ticks == 250);
    CHECK(s->stime_ticks == 75);
    CHECK(s->start_ticks == 12345);
    CHECK(s->vsize_bytes == 123456789);
    CHECK(s->rss_pages == 2560);
    CHECK_FALSE(parse_proc_stat(""));
    CHECK_FALSE(parse_proc_stat("4242 (cut) S 1 2 3"));
    CHECK_FALSE(parse_proc_stat("4242 no parenthesis S 1 4242 4242 0 -1 4194560 1893 0 0 0 250 75"));
}

TEST_CASE("process metrics: the boot time is /proc/stat's btime line") {
    CHECK(parse_boot_time("cpu  1 2 3\nctxt 99\nbtime 1764700000\nprocesses 5\n") == 1764700000u);
    CHECK_FALSE(parse_boot_time("cpu  1 2 3\n"));
    CHECK_FALSE(parse_boot_time("btime soon\n"));
}

TEST_CASE("process metrics: in base units, named as every client library names them") {
    process_sample s;
    s.stat = *parse_proc_stat(stat_line);
    s.boot_time = 1764700000;
    s.open_fds = 17;
    s.max_fds = 1048576;
    s.ticks_per_second = 100;
    s.page_size = 4096;
    CHECK(format_text(process_families(s)) ==
          "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
          "# TYPE process_cpu_seconds_total counter\n"
          "process_cpu_seconds_total 3.25\n"
          "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
          "# TYPE process_start_time_seconds gauge\n"
          "process_start_time_seconds 1764700123.45\n"
          "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
          "# TYPE process_resident_memory_bytes gauge\n"
          "process_resident_memory_bytes 10485760\n"
          "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
          "# TYPE process_virtual_memory_bytes gauge\n"
          "process_virtual_memory_bytes 123456789\n"
          "# HELP process_open_fds Number of open file descriptors.\n"
          "# TYPE process_open_fds gauge\n"
          "process_open_fds 17\n"
          "# HELP process_max_fds Maximum number of open file descriptors.\n"
          "# TYPE process_max_fds gauge\n"
          "process_max_fds 1048576\n");
}

TEST_CASE("process metrics: this process's, read from /proc") {
    registry r;
    add_process_metrics(r);
    const auto families = r.collect();
    REQUIRE(families.size() == 6);
    const auto value = [&](const std::string& name) {
        for (const auto& f : families) {
            if (f.name == name) return f.samples.at(0).value;
        }
        FAIL("no " << name);
        return 0.0;
    };
    CHECK(value("process_resident_memory_bytes") > 1024 * 1024);
    CHECK(value("process_open_fds") >= 3);  // stdin, stdout, stderr at least
    CHECK(value("process_max_fds") >= value("process_open_fds"));
    const auto now = static_cast<double>(time(nullptr));
    CHECK(value("process_start_time_seconds") <= now + 1);
    CHECK(value("process_start_time_seconds") > now - 3600);  // this test started it moments ago
}

TEST_CASE("process metrics: build info is a gauge of 1 labelled with the version") {
    registry r;
    add_build_info(r, "1.2.3");
    CHECK(r.expose() ==
          "# HELP profiledesk_build_info The version of profiledesk running (always 1).\n"
          "# TYPE profiledesk_build_info gauge\n"
          "profiledesk_build_info{version=\"1.2.3\"} 1\n");
}
