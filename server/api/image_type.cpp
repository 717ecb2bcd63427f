#include "api/image_type.hpp"

namespace profiledesk::api {

std::optional<std::string_view> image_media_type(std::string_view b) {
    using namespace std::string_view_literals;
    if (b.substr(0, 8) == "\x89PNG\r\n\x1a\n"sv) return "image/png"sv;
    if (b.substr(0, 3) == "\xff\xd8\xff"sv) return "image/jpeg"sv;
    if (b.substr(0, 6) == "GIF87a"sv || b.substr(0, 6) == "GIF89a"sv) return "image/gif"sv;
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF"sv && b.substr(8, 4) == "WEBP"sv) return "image/webp"sv;
    return std::nullopt;
}

}  // namespace profiledesk::api
