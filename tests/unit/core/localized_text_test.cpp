#include "profiledesk/core/localized_text.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

namespace {
localized_text parse(const json& j) {
    std::string error;
    auto t = parse_localized_text(j, error);
    INFO(error);
    REQUIRE(t);
    return *t;
}
}  // namespace

TEST_CASE("localized text: a plain string is the same in every language", "[localized_text]") {
    const auto t = parse("City");
    CHECK(t.is_plain());
    CHECK(resolve(t, "fr") == "City");
    CHECK(to_json(t) == json("City"));
}

TEST_CASE("localized text: exact tag, then primary subtag, then English, then the first", "[localized_text]") {
    const auto t = parse(json{{"en", "City"}, {"fr", "Ville"}, {"pt-BR", "Cidade"}});
    CHECK(resolve(t, "fr") == "Ville");
    CHECK(resolve(t, "FR-ca") == "Ville");
    CHECK(resolve(t, "pt") == "Cidade");
    CHECK(resolve(t, "ja") == "City");
    CHECK(resolve(parse(json{{"fr", "Ville"}, {"de", "Stadt"}}), "ja") == "Stadt");
    CHECK(resolve(t, "en-XA") == "[!! Çíţý ~~ !!]");
    CHECK(to_json(t) == json{{"en", "City"}, {"fr", "Ville"}, {"pt-BR", "Cidade"}});
}

TEST_CASE("localized text: anything else is refused with a reason", "[localized_text]") {
    std::string error;
    CHECK_FALSE(parse_localized_text(json::object(), error));
    CHECK_FALSE(parse_localized_text(json{{"english", "City"}}, error));
    CHECK(error.find("english") != std::string::npos);
    CHECK_FALSE(parse_localized_text(json{{"en", 3}}, error));
    CHECK_FALSE(parse_localized_text(json(3), error));
}
