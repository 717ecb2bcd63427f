#include "api/version_snapshots.hpp"

#include <catch2/catch.hpp>

using profiledesk::api::memory_version_snapshots;
using profiledesk::core::field_values;

TEST_CASE("version_snapshots: a remembered version is found, an unknown one is not") {
    memory_version_snapshots v;
    v.remember("ada", "2026-01-01T00:00:00.000Z", field_values{{"name", "Ada"}});
    REQUIRE(v.find("ada", "2026-01-01T00:00:00.000Z"));
    CHECK(v.find("ada", "2026-01-01T00:00:00.000Z")->at("name") == "Ada");
    CHECK_FALSE(v.find("ada", "2026-02-01T00:00:00.000Z"));
    CHECK_FALSE(v.find("grace", "2026-01-01T00:00:00.000Z"));
}

TEST_CASE("version_snapshots: per-user and per-store bounds forget the oldest") {
    memory_version_snapshots v(2, 2);
    v.remember("ada", "v1", {});
    v.remember("ada", "v2", {});
    v.remember("ada", "v3", {});
    CHECK_FALSE(v.find("ada", "v1"));
    CHECK(v.find("ada", "v3"));
    v.remember("grace", "v1", {});
    v.remember("alan", "v1", {});  // ada is now the least recently used user
    CHECK_FALSE(v.find("ada", "v3"));
    CHECK(v.find("grace", "v1"));
}
