// The files of a file: outbox (MAIL_URL=file:DIR): how the file transport
// names them and how the development outbox page (api/dev_outbox_routes.hpp)
// finds and reads them. A name is <UTC time>-<16 hex digits>.eml, e.g.
// 20261203T202843.123Z-0f1e2d3c4b5a6978.eml: names sort by time, and nothing
// from a request URL is ever a path unless it matches that pattern exactly.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::mail {

// `id`: 16 lowercase hex digits.
std::string outbox_file_name(std::chrono::system_clock::time_point t, std::string_view id);

// Exactly the pattern outbox_file_name writes.
bool is_outbox_file_name(std::string_view name);

// The names of the outbox's messages, newest first, at most `max`; names not
// of the pattern (temporary files, anything else) are skipped. An unreadable
// directory lists nothing.
std::vector<std::string> list_outbox(const std::string& directory, std::size_t max);

// A message's bytes, when `name` is of the pattern, is a regular file (not a
// link) in `directory` and holds at most `max_bytes`; nullopt otherwise.
std::optional<std::string> read_outbox_file(const std::string& directory, std::string_view name, std::size_t max_bytes);

}  // namespace profiledesk::mail
