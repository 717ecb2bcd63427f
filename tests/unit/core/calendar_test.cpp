// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/calendar.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace profiledesk::core;

TEST_CASE("parse_iso_date: real calendar dates only", "[calendar]") {
    const auto d = parse_iso_date("2024-02-29");
    REQUIRE(d);
    CHECK(d->year == 2024);
    CHECK(d->month == 2);
    CHECK(d->day == 29);
    SECTION("February 29") {
        CHECK(parse_iso_date("2024-02-29"));        // divisible by 4
        CHECK(parse_iso_date("2000-02-29"));        // divisible by 400
        CHECK_FALSE(parse_iso_date("2023-02-29"));  // not a leap year
        CHECK_FALSE(parse_iso_date("1900-02-29"));  // divisible by 100, not by 400
        CHECK_FALSE(parse_iso_date("2024-02-30"));
    }
    SECTION("month lengths") {
        CHECK(parse_iso_date("2023-01-31"));
        CHECK_FALSE(parse_iso_date("2023-04-31"));
        CHECK(parse_iso_date("2023-12-31"));
        CHECK_FALSE(parse_iso_date("2023-13-01"));
        CHECK_FALSE(parse_iso_date("2023-00-10"));
        CHECK_FALSE(parse_iso_date("2023-01-00"));
    }
    SECTION("the exact shape") {
        CHECK_FALSE(parse_iso_date("2023-1-01"));
        CHECK_FALSE(parse_iso_date("2023/01/01"));
        CHECK_FALSE(parse_iso_date("20230101"));
        CHECK_FALSE(parse_iso_date("2023-01-01T00:00:00Z"));
        CHECK_FALSE(parse_iso_date(" 2023-01-01"));
        CHECK_FALSE(parse_iso_date("+023-01-01"));
        CHECK_FALSE(parse_iso_date("0000-01-01"));
        CHECK(parse_iso_date("0001-01-01"));
        CHECK(parse_iso_date("9999-12-31"));
    }
}
