#include "log/log.hpp"

#include "profiledesk/core/utf8.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <mutex>

namespace profiledesk::log {

namespace {

std::atomic<level> min_level{level::info};
std::atomic<format> chosen_format{default_format()};
std::mutex write_mutex;  // one write(2) at a time: whole lines, never interleaved

std::string_view level_name(level l) {
    switch (l) {
        case level::debug: return "debug";
        case level::info: return "info";
        case level::warn: return "warn";
        case level::error: return "error";
    }
    return "info";
}

template <class Number>
void append_number(std::string& out, Number value) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

// `s` as the inside of a JSON string (RFC 8259 7): quotes, backslashes and
// control characters escaped. Text that is not UTF-8 has each byte above
// 0x7F written as '?': a line must stay valid JSON whatever a library said.
void append_escaped(std::string& out, std::string_view s) {
    const bool utf8 = core::is_valid_utf8(s);
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    static constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xF];
                } else if (c >= 0x80 && !utf8) {
                    out += '?';
                } else {
                    out += ch;
                }
        }
    }
}

std::string_view cut(std::string_view s) {
    if (s.size() <= max_text_bytes) return s;
    s = s.substr(0, max_text_bytes);
    // Not in the middle of a UTF-8 sequence.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.remove_suffix(1);
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.remove_suffix(1);
    return s;
}

// Text format: bare when it is one plain word, else quoted and escaped.
void append_text_value(std::string& out, std::string_view s) {
    const bool bare = !s.empty() && s.find_first_of(" \"=\\") == std::string_view::npos &&
                      std::all_of(s.begin(), s.end(), [](char c) {
                          const auto u = static_cast<unsigned char>(c);
                          return u > 0x20 && u != 0x7F;
                      });
    if (bare && core::is_valid_utf8(s)) {
        out += s;
        return;
    }
    out += '"';
    append_escaped(out, s);
    out += '"';
}

void append_value(std::string& out, format f, const field& v) {
    switch (v.type()) {
        case field::kind::signed_integer: return append_number(out, v.signed_value());
        case field::kind::unsigned_integer: return append_number(out, v.unsigned_value());
        case field::kind::floating:
            // JSON has no NaN nor infinities.
            if (!std::isfinite(v.floating_value())) {
                out += f == format::json ? "null" : "nan";
                return;
            }
            return append_number(out, v.floating_value());
        case field::kind::boolean: out += v.boolean_value() ? "true" : "false"; return;
        case field::kind::string:
            if (f == format::text) return append_text_value(out, cut(v.string_value()));
            out += '"';
            append_escaped(out, cut(v.string_value()));
            out += '"';
            return;
    }
}

// 2026-12-03T16:40:00.123Z
void append_time(std::string& out, std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    out.append(buf, n);
    const auto ms = static_cast<int>(unix_ms % 1000);
    out += '.';
    out += static_cast<char>('0' + ms / 100);
    out += static_cast<char>('0' + ms / 10 % 10);
    out += static_cast<char>('0' + ms % 10);
    out += 'Z';
}

}  // namespace

request_id::request_id(std::string_view id) {
    size_ = std::min(id.size(), max_size);
    id.copy(chars_.data(), size_);
}

std::optional<level> parse_level(std::string_view s) {
    for (const auto l : {level::debug, level::info, level::warn, level::error}) {
        if (s == level_name(l)) return l;
    }
    return std::nullopt;
}

std::optional<format> parse_format(std::string_view s) {
    if (s == "json") return format::json;
    if (s == "text") return format::text;
    return std::nullopt;
}

format default_format() { return ::isatty(STDERR_FILENO) ? format::text : format::json; }

void configure(level l, format f) {
    min_level = l;
    chosen_format = f;
}

bool enabled(level l) { return l >= min_level.load(std::memory_order_relaxed); }

void format_line(std::string& out, format f, std::int64_t unix_ms, level l, std::string_view request_id, message m,
                 fields fs) {
    out.clear();
    if (f == format::json) {
        out += "{\"time\":\"";
        append_time(out, unix_ms);
        out += "\",\"level\":\"";
        out += level_name(l);
        out += "\",\"msg\":\"";
        append_escaped(out, m.view());
        out += '"';
        if (!request_id.empty()) {
            out += ",\"request_id\":\"";
            append_escaped(out, request_id);
            out += '"';
        }
        for (const auto& v : fs) {
            out += ",\"";
            append_escaped(out, v.name());
            out += "\":";
            append_value(out, f, v);
        }
        out += "}\n";
        return;
    }
    // 2026-12-03T16:40:00.123Z warn  mgmt: rate limited, waiting for the reset request_id=5f0c... delay_ms=120
    append_time(out, unix_ms);
    out += ' ';
    const auto name = level_name(l);
    out += name;
    out.append(6 - name.size(), ' ');
    append_escaped(out, m.view());
    if (!request_id.empty()) {
        out += " request_id=";
        append_text_value(out, request_id);
    }
    for (const auto& v : fs) {
        out += ' ';
        out += v.name();
        out += '=';
        append_value(out, f, v);
    }
    out += '\n';
}

void write(level l, const request_id& id, message m, fields fs) {
    if (!enabled(l)) return;
    // Reused by every line of this thread: no allocation once it has grown.
    thread_local std::string line;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    format_line(line, chosen_format.load(std::memory_order_relaxed), now, l, id.view(), m, fs);
    const std::lock_guard lock(write_mutex);
    std::string_view rest = line;
    while (!rest.empty()) {
        const auto n = ::write(STDERR_FILENO, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // nowhere to log to: carry on serving
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace profiledesk::log
