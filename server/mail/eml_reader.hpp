// Reads back what message_builder.hpp writes, for the development outbox
// page (api/dev_outbox_routes.hpp): the To, Subject (RFC 2047 B words
// decoded) and Date headers and the text/plain body (base64 decoded). Not a
// general MIME parser: a message of another shape reads as far as it can
// (empty fields), never fails worse than that.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace profiledesk::mail {

struct eml_summary {
    std::string to, subject, date;
    std::string text;  // the text/plain body, UTF-8, LF line ends
};

eml_summary read_eml(std::string_view data);

// The http:// and https:// links in `text`, in order (a link ends at a
// space, a quote or an angle bracket).
std::vector<std::string> links_in(std::string_view text);

}  // namespace profiledesk::mail
