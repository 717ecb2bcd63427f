// URL pieces: percent-encoding, query strings and forms, absolute URLs.
// Boost 1.74 has no Boost.URL, so these few functions are ours (RFC 3986).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::http {

// Encodes everything but RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~).
std::string percent_encode(std::string_view text);

// Decodes %XX escapes; with `plus_is_space` (forms, queries) '+' is a space.
// nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// "a=1&b=x%20y" -> {{"a","1"},{"b","x y"}}, in order. Pairs with a malformed
// escape make the whole thing nullopt (callers answer 400, not guess).
using query_params = std::vector<std::pair<std::string, std::string>>;
std::optional<query_params> parse_query(std::string_view query);

// The value of the one parameter `name`; nullopt when absent, and also when
// repeated (a repeated OAuth parameter is an error, RFC 6749 3.1).
std::optional<std::string> single_param(const query_params& params, std::string_view name);

// {{"a","1"},{"b","x y"}} -> "a=1&b=x%20y" (for queries and form bodies alike).
std::string encode_query(const query_params& params);

// The query part of a request target ("" when there is none).
std::string_view target_query(std::string_view target);

struct absolute_url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets for IPv6
    std::string port;    // always set: "80"/"443" when the URL has none
    std::string target;  // path and query, at least "/"
    bool default_port = true;

    // scheme://host[:port] (the origin, RFC 6454)
    std::string origin() const;
};

// Parses an http(s) URL; nullopt for anything else (no userinfo, no spaces or
// control characters, no fragments kept).
std::optional<absolute_url> parse_absolute_url(std::string_view url);

}  // namespace profiledesk::http
