#include "profiledesk/core/email_confirmation.hpp"

#include <catch2/catch.hpp>

using profiledesk::core::confirms_email;

TEST_CASE("email confirmation: the same address, the domain in any case", "[email_confirmation]") {
    CHECK(confirms_email("ada@example.com", "ada@example.com"));
    CHECK(confirms_email("ada@EXAMPLE.com", "ada@example.com"));
    CHECK(confirms_email(" ada@example.com ", "ada@example.com"));
    CHECK(confirms_email("Ada.L@Example.ORG", "Ada.L@example.org"));
}

TEST_CASE("email confirmation: anything else is refused", "[email_confirmation]") {
    CHECK_FALSE(confirms_email("Ada@example.com", "ada@example.com"));  // the local part is exact
    CHECK_FALSE(confirms_email("ada@example.co", "ada@example.com"));
    CHECK_FALSE(confirms_email("", "ada@example.com"));
    CHECK_FALSE(confirms_email("", ""));
    CHECK_FALSE(confirms_email("ada", "ada"));  // no address at all
    CHECK_FALSE(confirms_email("ad@aexample.com", "ada@example.com"));
    CHECK_FALSE(confirms_email("grace@example.com", "ada@example.com"));
}
