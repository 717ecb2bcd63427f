#include "profiledesk/core/password_policy.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

namespace {

std::vector<std::string> unmet_ids(password_level level, std::string_view password,
                                   std::optional<std::size_t> min_length = std::nullopt) {
    std::vector<std::string> ids;
    for (const auto& r : unmet_password_rules({level, min_length}, password)) ids.push_back(r.id);
    return ids;
}

using ids = std::vector<std::string>;

}  // namespace

TEST_CASE("password policy: Auth0's five levels", "[password_policy]") {
    CHECK(unmet_ids(password_level::none, "") == ids{"length"});
    CHECK(unmet_ids(password_level::none, "a").empty());

    CHECK(unmet_ids(password_level::low, "abcde") == ids{"length"});
    CHECK(unmet_ids(password_level::low, "abcdef").empty());

    CHECK(unmet_ids(password_level::fair, "abcdefgh") == ids{"upper", "digit"});
    CHECK(unmet_ids(password_level::fair, "Abcdefg1").empty());
    CHECK(unmet_ids(password_level::fair, "Abcdef1") == ids{"length"});

    CHECK(unmet_ids(password_level::good, "abcdefgh") == ids{"kinds"});
    CHECK(unmet_ids(password_level::good, "abcdefg1") == ids{"kinds"});
    CHECK(unmet_ids(password_level::good, "abcdef1!").empty());  // lower, digit, special
    CHECK(unmet_ids(password_level::good, "abc def1").empty());  // a space is special

    CHECK(unmet_ids(password_level::excellent, "Abcdef1!x") == ids{"length"});
    CHECK(unmet_ids(password_level::excellent, "Abcdef1!xy").empty());
    CHECK(unmet_ids(password_level::excellent, "Abbbcd1!xy") == ids{"no_triples"});
    CHECK(unmet_ids(password_level::excellent, "Aabcd1!xyy").empty());  // twice in a row is allowed
}

TEST_CASE("password policy: min_length replaces the level's length, letters are ASCII, length counts characters",
          "[password_policy]") {
    CHECK(unmet_ids(password_level::low, "abcdefghijk", 12) == ids{"length"});
    CHECK(unmet_ids(password_level::good, "Ab1!", 4).empty());
    // "éééééé1!" has 8 characters but no ASCII letter: lower-case é is not counted.
    CHECK(unmet_ids(password_level::good,
                    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                    "1!") == ids{"kinds"});
    CHECK(unmet_ids(password_level::low, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9").empty());
    CHECK(unmet_ids(password_level::low, "\xFF\xFE\xFD\xFC\xFB\xFA") == ids{"length"});  // not UTF-8
}

TEST_CASE("password policy: more than 72 bytes is refused at every level", "[password_policy]") {
    CHECK(unmet_ids(password_level::none, std::string(72, 'a')).empty());
    CHECK(unmet_ids(password_level::none, std::string(73, 'a')) == ids{"max_bytes"});
}

TEST_CASE("password policy: rules listed for the form, levels by Auth0's names", "[password_policy]") {
    CHECK(password_rules({password_level::fair, std::nullopt}) ==
          std::vector<password_rule>{{"length", 8}, {"max_bytes", 72}, {"lower", 1}, {"upper", 1}, {"digit", 1}});
    for (auto level : {password_level::none, password_level::low, password_level::fair, password_level::good,
                       password_level::excellent}) {
        CHECK(parse_password_level(password_level_name(level)) == level);
    }
    CHECK_FALSE(parse_password_level("strong"));
}
