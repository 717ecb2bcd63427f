// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/field_ids.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace profiledesk::core;

TEST_CASE("field ids: user_metadata.<key>", "[field_schema]") {
    CHECK(metadata_field_id("bio") == "user_metadata.bio");
    CHECK(metadata_key_of("user_metadata.bio") == std::optional<std::string_view>("bio"));
    CHECK_FALSE(metadata_key_of("user_metadata."));
    CHECK_FALSE(metadata_key_of("name"));
    CHECK_FALSE(metadata_key_of("User_Metadata.bio"));
}
