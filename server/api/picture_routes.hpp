// The signed-in user's own picture, fetched by us:
//   GET /api/profile/picture?for=<url>   the image at <url>, only while <url>
//                                        is the user's current `picture`
// The page's policy keeps images to our origin (CSP img-src 'self'), and the
// app reads the avatar's pixels, which a browser allows across origins only
// with CORS that picture hosts need not send. So the server fetches it: over
// verified TLS, on port 443, from public addresses only (the URL is user-set:
// no requests into our own network), at most max_picture_bytes, redirects
// re-checked, and served only if the bytes are a PNG, JPEG, GIF or WebP image.
#pragma once

#include "api/auth_routes.hpp"
#include "http/per_client_budget.hpp"
#include "http/router.hpp"
#include "mgmt/users_client.hpp"
#include "upstream/http_client.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::api {

inline constexpr std::uint64_t max_picture_bytes = 2 * 1024 * 1024;

struct picture_context {
    std::shared_ptr<auth_context> auth;
    std::shared_ptr<mgmt::users_client> users;
    // Made by make_picture_fetcher.
    std::shared_ptr<upstream::http_client> fetcher;
    std::chrono::milliseconds deadline{8000};  // the whole answer, redirects included
    unsigned max_redirects = 3;
    bool any_port = false;  // else https on 443 only; with PICTURE_ALLOW_PRIVATE_ADDRESSES (tests)
    // Each client's budget (null: none); TRUSTED_PROXIES to find the client.
    std::shared_ptr<http::client_budget> throttle;
    unsigned trusted_proxies = 0;
};

// The client for pictures: public addresses only, unless `allow_private`
// (PICTURE_ALLOW_PRIVATE_ADDRESSES, for development and tests on loopback).
std::shared_ptr<upstream::http_client> make_picture_fetcher(boost::asio::io_context& ioc,
                                                            std::shared_ptr<boost::asio::ssl::context> tls,
                                                            bool allow_private);

void add_picture_routes(http::router& routes, std::shared_ptr<picture_context> ctx);

}  // namespace profiledesk::api
