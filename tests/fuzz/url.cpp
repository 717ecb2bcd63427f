// Fuzzes the URL helpers (http/url, http/router's target_path) and the
// returnTo check of /login (auth/login_transaction's safe_return_to).
//
// Invariants beyond "no crash":
//   - percent_decode(percent_encode(s)) == s, and a query survives
//     encode_query then parse_query;
//   - an absolute URL we accept is http(s) with a host, a port and a target
//     starting with '/', and its origin() parses back to the same origin;
//   - safe_return_to answers a same-origin path: one leading '/', never "//"
//     or a backslash (which browsers read as another host), no control
//     characters, and it accepts its own answer unchanged.
#include "http/url.hpp"
#include "auth/login_transaction.hpp"
#include "http/router.hpp"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;

[[noreturn]] void broken(const char* invariant) {
    std::cerr << "invariant broken: " << invariant << "\n";
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    if (http::percent_decode(http::percent_encode(text)) != std::string(text)) broken("percent encoding round trip");
    (void)http::percent_decode(text, /*plus_is_space=*/true);
    if (const auto params = http::parse_query(text)) {
        if (http::parse_query(http::encode_query(*params)) != *params) broken("query round trip");
        (void)http::single_param(*params, "returnTo");
    }
    (void)http::target_path(text);
    (void)http::target_query(text);

    if (const auto url = http::parse_absolute_url(text)) {
        if ((url->scheme != "http" && url->scheme != "https") || url->host.empty() || url->port.empty() ||
            url->target.empty() || url->target.front() != '/') {
            broken("an accepted URL without scheme, host, port or target");
        }
        const auto again = http::parse_absolute_url(url->origin());
        if (!again || again->origin() != url->origin()) broken("origin() does not parse back to itself");
    }

    const auto back = auth::safe_return_to(text);
    if (back.empty() || back.front() != '/' || back.find("//") != std::string::npos ||
        back.find('\\') != std::string::npos) {
        broken("safe_return_to answered something other than a same-origin path");
    }
    for (const unsigned char c : back) {
        if (c < 0x21 || c > 0x7e) broken("safe_return_to answered a byte a Location header must not carry");
    }
    if (auth::safe_return_to(back) != back) broken("safe_return_to refuses its own answer");
    return 0;
}
