#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/number_format.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace profiledesk::core;

TEST_CASE("number_to_text: whole numbers without a fraction, others as JSON writes them", "[number_format]") {
    CHECK(number_to_text(10.0) == "10");
    CHECK(number_to_text(-3.0) == "-3");
    CHECK(number_to_text(0.0) == "0");
    CHECK(number_to_text(-0.0) == "0");
    CHECK(number_to_text(2.5) == "2.5");
    CHECK(number_to_text(0.1) == "0.1");
    CHECK(number_to_text(1e300) == "1e+300");
}

TEST_CASE("number_to_text: integers up to 2^53, where every integer is exactly a double", "[number_format]") {
    // One limit for the schema's JSON, the messages and the app's fields
    // (they were 1e15, 9e15 and 2^53).
    CHECK(number_to_text(1e15) == "1000000000000000");
    CHECK(number_to_text(9007199254740991.0) == "9007199254740991");  // 2^53 - 1
    CHECK(number_to_text(-9007199254740991.0) == "-9007199254740991");
    CHECK(number_to_text(9007199254740992.0) == "9.007199254740992e+15");  // 2^53: 2^53 + 1 reads the same
    CHECK(number_to_text(1e16) == "1e+16");
}

TEST_CASE("exact_whole_number and number_to_json agree", "[number_format]") {
    CHECK(exact_whole_number(42.0) == std::optional<std::int64_t>(42));
    CHECK_FALSE(exact_whole_number(42.5));
    CHECK_FALSE(exact_whole_number(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(exact_whole_number(std::nan("")));
    CHECK_FALSE(exact_whole_number(9007199254740992.0));
    CHECK(number_to_json(10.0).is_number_integer());
    CHECK(number_to_json(10.0) == 10);
    CHECK(number_to_json(-1.0).dump() == "-1");
    CHECK(number_to_json(2.5).is_number_float());
    CHECK(number_to_json(1e16).is_number_float());
}
