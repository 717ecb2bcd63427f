#include "localtenant/timestamps.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;
using namespace std::chrono;

TEST_CASE("timestamps: Auth0's ISO form with milliseconds", "[timestamps]") {
    const system_time t = system_time(seconds(1674673227)) + milliseconds(84);
    CHECK(iso8601_ms(t) == "2023-01-25T19:00:27.084Z");
    CHECK(parse_iso8601_ms("2023-01-25T19:00:27.084Z") == t);
    CHECK_FALSE(parse_iso8601_ms("2023-01-25T19:00:27Z"));
    CHECK_FALSE(parse_iso8601_ms("2023-13-25T19:00:27.084Z"));
    CHECK(unix_seconds(t) == 1674673227);
}

TEST_CASE("timestamps: updated_at always advances", "[timestamps]") {
    const system_time t = system_time(seconds(1674673227)) + milliseconds(84);
    CHECK(next_updated_at(t, "2023-01-25T19:00:27.000Z") == "2023-01-25T19:00:27.084Z");
    CHECK(next_updated_at(t, "2023-01-25T19:00:27.084Z") == "2023-01-25T19:00:27.085Z");
    CHECK(next_updated_at(t, "2030-01-01T00:00:00.000Z") == "2030-01-01T00:00:00.001Z");
    CHECK(next_updated_at(t, "") == "2023-01-25T19:00:27.084Z");
}
