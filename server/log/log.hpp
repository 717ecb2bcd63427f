// Structured log lines on stderr: one JSON object per line (LOG_FORMAT=json,
// the default when stderr is not a terminal) or one readable line (text).
//
//   log::info("login: session started");
//   log::warn(rid, "mgmt: rate limited, waiting for the reset", {{"delay_ms", 120}});
//
// A line has a time (RFC 3339, UTC, milliseconds), a level, a message, the
// request id when it belongs to a request, and typed fields:
//   {"time":"2026-12-03T16:40:00.123Z","level":"warn","msg":"mgmt: rate limited, waiting for the reset",
//    "request_id":"5f0c...","delay_ms":120}
//
// THE RULE: never a token, cookie, session id, secret, password or profile
// value (names, emails, metadata, picture URLs) in a line; nor the user id
// `sub`. What a line may say: what happened (the message), counts,
// durations, statuses, error codes and kinds, library and OS error text, a
// request's method and path (never its query string). The API keeps values
// out of lines unless the call site names them:
//   - the message is a string literal: nothing can be spliced into it;
//   - a field's name is a string literal, its value a number, a bool, a
//     string literal, or log::text(...), which says at the call site "this
//     text is safe to log" (and is cut at max_text_bytes). A std::string does
//     not convert to a field by itself.
//
// Thread-safe. Each line is formatted in a per-thread buffer (no allocation
// once it has grown) and written with ONE write(2) under a mutex, so lines
// of different threads never interleave, not even past PIPE_BUF.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace profiledesk::log {

enum class level { debug, info, warn, error };
enum class format { json, text };

// A message: a string literal only.
class message {
public:
    template <std::size_t N>
    constexpr message(const char (&literal)[N]) : text_(literal, N - 1) {}
    constexpr std::string_view view() const { return text_; }

private:
    std::string_view text_;
};

// Text the call site vouches for (see THE RULE): error codes, enum names,
// library and OS error messages, a request's path. Cut at max_text_bytes.
struct text {
    constexpr explicit text(std::string_view v) : value(v) {}
    std::string_view value;
};
inline constexpr std::size_t max_text_bytes = 256;

// One typed field: a literal name and a number, a bool or text.
class field {
public:
    enum class kind { signed_integer, unsigned_integer, floating, boolean, string };

    // Numbers and bools (a template: a pointer does not turn into a bool here).
    template <std::size_t N, class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
    constexpr field(const char (&name)[N], T value) : name_(name, N - 1) {
        if constexpr (std::is_same_v<T, bool>) {
            kind_ = kind::boolean;
            boolean_ = value;
        } else if constexpr (std::is_floating_point_v<T>) {
            kind_ = kind::floating;
            floating_ = value;
        } else if constexpr (std::is_signed_v<T>) {
            kind_ = kind::signed_integer;
            signed_ = value;
        } else {
            kind_ = kind::unsigned_integer;
            unsigned_ = value;
        }
    }
    template <std::size_t N>
    constexpr field(const char (&name)[N], text value)
        : name_(name, N - 1), kind_(kind::string), string_(value.value) {}
    template <std::size_t N, std::size_t M>
    constexpr field(const char (&name)[N], const char (&literal)[M])
        : name_(name, N - 1), kind_(kind::string), string_(literal, M - 1) {}

    std::string_view name() const { return name_; }
    kind type() const { return kind_; }
    std::int64_t signed_value() const { return signed_; }
    std::uint64_t unsigned_value() const { return unsigned_; }
    double floating_value() const { return floating_; }
    bool boolean_value() const { return boolean_; }
    std::string_view string_value() const { return string_; }

private:
    std::string_view name_;
    kind kind_ = kind::boolean;
    std::int64_t signed_ = 0;
    std::uint64_t unsigned_ = 0;
    double floating_ = 0;
    bool boolean_ = false;
    std::string_view string_;
};

using fields = std::initializer_list<field>;

// The id of the request a line belongs to (http/request_id.hpp makes and
// checks them): a small value type, copied into async callbacks without an
// allocation. Empty: no request.
class request_id {
public:
    // Longer than any id we make (32) or accept (http/request_id.hpp).
    static constexpr std::size_t max_size = 64;
    request_id() = default;
    // Cut at max_size.
    explicit request_id(std::string_view id);
    std::string_view view() const { return {chars_.data(), size_}; }
    bool empty() const { return size_ == 0; }

private:
    std::array<char, max_size> chars_{};
    std::size_t size_ = 0;
};

// ---- configuration (main, once, before the I/O threads start) ----

// LOG_LEVEL and LOG_FORMAT values ("debug", "info", "warn", "error";
// "json", "text"); nullopt for anything else.
std::optional<level> parse_level(std::string_view s);
std::optional<format> parse_format(std::string_view s);
// json unless stderr is a terminal (isatty): a person reads text, a
// collector (journald, Docker, Kubernetes) parses JSON.
format default_format();
// Until called: info, default_format().
void configure(level min_level, format f);

// ---- writing ----

bool enabled(level l);
void write(level l, const request_id& id, message m, fields f = {});

// Formats one line (with its '\n') into `out`, replacing what it held: the
// pure part of write(), for tests. `unix_ms`: milliseconds since 1970 UTC.
void format_line(std::string& out, format f, std::int64_t unix_ms, level l, std::string_view request_id, message m,
                 fields fs);

inline void debug(message m, fields f = {}) { write(level::debug, {}, m, f); }
inline void info(message m, fields f = {}) { write(level::info, {}, m, f); }
inline void warn(message m, fields f = {}) { write(level::warn, {}, m, f); }
inline void error(message m, fields f = {}) { write(level::error, {}, m, f); }
inline void debug(const request_id& id, message m, fields f = {}) { write(level::debug, id, m, f); }
inline void info(const request_id& id, message m, fields f = {}) { write(level::info, id, m, f); }
inline void warn(const request_id& id, message m, fields f = {}) { write(level::warn, id, m, f); }
inline void error(const request_id& id, message m, fields f = {}) { write(level::error, id, m, f); }

}  // namespace profiledesk::log
