// The image formats a browser decodes into the avatar, told from the bytes
// themselves: what an upstream host says in Content-Type is not trusted, and
// nothing else (SVG with script, HTML) is ever served from our origin.
#pragma once

#include <optional>
#include <string_view>

namespace profiledesk::api {

// "image/png", "image/jpeg", "image/gif" or "image/webp" when `bytes` start
// like one; nullopt otherwise.
std::optional<std::string_view> image_media_type(std::string_view bytes);

}  // namespace profiledesk::api
