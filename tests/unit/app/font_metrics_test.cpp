#include "app/font_metrics.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <vector>

using profiledesk::app::em_pixels;

namespace {
std::vector<unsigned char> read(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("em_pixels: the em of the fonts Profile Desk ships, at 15 px") {
    // Debian's files (scripts/setup installs them); hhea and head values from
    // the fonts themselves: DejaVu 1901 - (-483) over 2048 units per em.
    const auto dejavu = read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    REQUIRE(dejavu.size() > 1000);
    CHECK(em_pixels(dejavu.data(), dejavu.size(), 15) == Approx(15.0 * 2048 / 2384));
    // Droid's ratio differs, which is why merged glyphs are sized by em.
    const auto droid = read("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    REQUIRE(droid.size() > 1000);
    CHECK(em_pixels(droid.data(), droid.size(), 15) != Approx(em_pixels(dejavu.data(), dejavu.size(), 15)));
}

TEST_CASE("em_pixels: 0 for what is not a font, never a read past the end") {
    const unsigned char junk[] = "not a font at all, just some bytes";
    CHECK(em_pixels(junk, sizeof junk, 15) == 0);
    CHECK(em_pixels(junk, 0, 15) == 0);
    auto dejavu = read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    REQUIRE(dejavu.size() > 1000);
    CHECK(em_pixels(dejavu.data(), 200, 15) == 0);  // the table directory points past the end
}
