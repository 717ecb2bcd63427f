// GET /fonts/glyphs?u=674e,4e2d: the glyphs the app's font atlas lacks, as
// small TrueType subsets (fonts/glyph_subsetter.hpp), base64 in JSON:
//   {"fonts":[{"name","codepoints":[...],"ttf":"<base64>"}],"missing":[...]}
// Public (no session: it says nothing about anyone) and cacheable: the answer
// depends only on the query and the fonts shipped with the site. Bad queries
// get 400 bad_codepoints / too_many_codepoints. The cutting runs on a small
// worker pool of its own (http/worker_pool.hpp), never on an I/O thread, with
// a cap on jobs for the whole server: when it is full, 503 glyphs_busy with
// Retry-After: 1 at once.
#pragma once

#include "fonts/glyph_subsetter.hpp"
#include "http/per_client_budget.hpp"
#include "http/router.hpp"

#include <memory>

namespace profiledesk::api {

// `throttle`: each client's budget of requests (null: none); see
// http/per_client_budget.hpp for `trusted_proxies`.
void add_glyph_routes(http::router& routes, std::shared_ptr<const fonts::glyph_subsetter> subsetter,
                      std::shared_ptr<http::client_budget> throttle = nullptr, unsigned trusted_proxies = 0);

}  // namespace profiledesk::api
