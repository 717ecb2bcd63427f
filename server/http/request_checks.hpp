// Checks on a request's header, made before its body is read.
#pragma once

#include "types.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::http {

// Why a header must be refused (and the connection closed), or nullopt.
//
// Boost 1.74's parser accepts Content-Length together with Transfer-Encoding,
// and transfer codings other than a lone "chunked"; later Boost releases refuse
// both (RFC 9112 6.1, 6.3). A proxy in front of us may frame such a request
// differently than we do, which is request smuggling, so we refuse them here.
std::optional<std::string> framing_problem(const beast_http::request_header<>& header);

// Reads a request's header section as raw bytes while they arrive, for the
// two shapes Boost 1.74's parser does not refuse:
// - obs-fold (a line that begins with SP or HTAB, RFC 9112 5.2): Beast joins
//   it to the line before, so "Transfer-Encoding:\r\n chunked" is chunked to
//   us while a proxy in front may frame it otherwise (smuggling). RFC 9112
//   lets a server refuse it with 400; we do, anywhere after the request line.
// - a bare LF line ending: Beast does not end lines on it, so a request that
//   uses it throughout waits for the read timeout instead of an answer.
// Incremental: each call looks only at the bytes it has not seen, so a peer
// sending a byte at a time costs linear work.
class header_scan {
public:
    enum class verdict { incomplete, complete, obs_fold, bare_lf };

    // `received`: every byte of the request so far (each call a longer
    // prefix of the same bytes). After `complete`, size() is the length of the
    // header section including its final empty line; further calls repeat it.
    verdict scan(std::string_view received);
    std::size_t size() const { return end_; }

private:
    std::size_t seen_ = 0;        // bytes already looked at
    std::size_t line_start_ = 0;  // where the current line begins
    bool after_start_line_ = false;
    std::size_t end_ = 0;  // the header section's length, once complete
};

}  // namespace profiledesk::http
