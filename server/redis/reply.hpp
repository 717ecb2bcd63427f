// A Redis reply as a value, copied out of hiredis' redisReply (RESP2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::redis {

struct reply {
    enum class kind { nil, string, status, integer, array, error };
    kind type = kind::nil;
    std::string text;  // string, status and error replies
    std::int64_t integer = 0;
    std::vector<reply> elements;  // array replies

    bool is_nil() const { return type == kind::nil; }
    // The text of a bulk string; nullopt for nil (a missing key) or another kind.
    std::optional<std::string> string() const;
    // An integer reply, or a bulk string holding a decimal integer.
    std::optional<std::int64_t> as_integer() const;
};

}  // namespace profiledesk::redis
