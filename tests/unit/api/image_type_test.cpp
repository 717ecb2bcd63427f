// Telling the served picture's format from its bytes.
#include "api/image_type.hpp"

#include <catch2/catch.hpp>

#include <string>

using profiledesk::api::image_media_type;
using namespace std::string_literals;

TEST_CASE("image_type: PNG, JPEG, GIF and WebP are known by their first bytes") {
    CHECK(image_media_type("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s) == "image/png");
    CHECK(image_media_type("\xff\xd8\xff\xe0\0\x10JFIF"s) == "image/jpeg");
    CHECK(image_media_type("GIF89a\x01\0\x01\0"s) == "image/gif");
    CHECK(image_media_type("GIF87a\x01\0\x01\0"s) == "image/gif");
    CHECK(image_media_type("RIFF\x24\0\0\0WEBPVP8 "s) == "image/webp");
}

TEST_CASE("image_type: anything else is not served as an image") {
    CHECK_FALSE(image_media_type(""));
    CHECK_FALSE(image_media_type("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));
    CHECK_FALSE(image_media_type("<!doctype html><html>"));
    CHECK_FALSE(image_media_type("\x89PNG\r\n"s));             // cut short
    CHECK_FALSE(image_media_type("RIFF\x24\0\0\0WAVEfmt "s));  // RIFF, but audio
    CHECK_FALSE(image_media_type("RIFF"));
}
