// Fuzzes a request's header as the server reads it: Beast's parser with the
// connection's limits (server/http/connection.cpp), then every function that
// reads a header's value: framing checks (request_checks), the cookies
// (cookies: the session cookie, and the sealed sign-in transaction opened as
// /callback does), the client address behind proxies (X-Forwarded-For,
// per_client_budget), the encoding chosen from Accept-Encoding (static_files),
// and the CSRF checks on Content-Type, Origin, Sec-Fetch-Site and
// X-CSRF-Token (csrf). Nothing here reads a Forwarded header: the server
// never does.
//
// Only requests the parser and framing_problem accept go on to the rest, as
// in the connection. Invariants beyond "no crash": the sign-in transaction,
// sealed under a key the input cannot know, never opens; only a request
// carrying the session's own token passes the CSRF check; the chosen encoding
// is one we have.
#include "auth/cookies.hpp"
#include "auth/csrf.hpp"
#include "auth/login_transaction.hpp"
#include "http/connection.hpp"
#include "http/per_client_budget.hpp"
#include "http/request_checks.hpp"
#include "http/static_files.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;
namespace beast_http = boost::beast::http;

constexpr std::string_view session_token = "csrf-token-of-the-session-0123456789abcdef";
constexpr std::string_view our_origin = "http://127.0.0.1:8080";

[[noreturn]] void broken(const char* invariant) {
    std::cerr << "invariant broken: " << invariant << "\n";
    std::abort();
}

template <class Field>
std::string_view header(const http::request& req, Field f) {
    const auto v = req[f];
    return {v.data(), v.size()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auth::sealer transactions(std::string(32, 'k'), auth::login_transaction_purpose);
    const http::connection_limits limits;

    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(limits.header_limit);
    parser.body_limit(limits.body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    while (!rest.empty() && !parser.is_done()) {
        const auto used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
        if (ec == beast_http::error::need_more) break;
        if (ec) return 0;  // 400 and the connection closed
        rest.remove_prefix(used);
        if (parser.is_header_done() && http::framing_problem(parser.get().base())) return 0;
    }
    if (!parser.is_header_done()) return 0;

    auto req = parser.release();
    req.set(http::client_address_field, "203.0.113.7");  // as the connection does

    for (unsigned proxies = 0; proxies < 3; ++proxies) (void)http::client_address(req, proxies);

    for (const bool https : {false, true}) {
        (void)auth::cookie_value(req, auth::session_cookie_name(https));
        if (const auto sealed = auth::cookie_value(req, auth::transaction_cookie_name(https))) {
            if (auth::open_transaction(*sealed, transactions, 1700000000)) broken("a forged transaction opened");
        }
    }

    const auto encoding = http::choose_encoding(header(req, beast_http::field::accept_encoding), true, true);
    if (encoding != "br" && encoding != "gzip" && !encoding.empty()) broken("an encoding we do not have");

    const auto csrf = auth::check_state_changing_request(req, session_token, our_origin);
    if (csrf == auth::csrf_failure::none && header(req, "X-CSRF-Token") != session_token) {
        broken("the CSRF check passed without the session's token");
    }
    (void)auth::comes_from_our_origin(req, our_origin);
    return 0;
}
