// The development outbox (DEV_OUTBOX=true, with MAIL_URL=file:DIR; never with
// an https BASE_URL: app_config.cpp refuses it):
//   GET /dev/outbox         the newest messages first: time, to, subject, and
//                           the links of each message's text, clickable
//   GET /dev/outbox/<name>  one message as text: its headers, its text body,
//                           then the whole message as stored
// A file is read only when its name is in the folder's listing and of the
// outbox pattern (mail/outbox_files.hpp): nothing of the URL becomes a path
// otherwise. The pages are html_page's, under the server's CSP.
#pragma once

#include "http/router.hpp"

#include <string>

namespace profiledesk::api {

void add_dev_outbox_routes(http::router& routes, std::string directory);

}  // namespace profiledesk::api
