#include "profiledesk/core/messages.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

namespace {
message_catalog catalog(std::string_view json) {
    std::string error;
    auto c = message_catalog::parse(json, error);
    INFO(error);
    REQUIRE(c);
    return *c;
}
}  // namespace

TEST_CASE("messages: a catalog is an object of keys to texts", "[messages]") {
    std::string error;
    CHECK(message_catalog::parse(R"({"editor.save": "Save"})", error));
    CHECK_FALSE(message_catalog::parse(R"(["Save"])", error));
    CHECK_FALSE(message_catalog::parse(R"({"Editor.Save": "Save"})", error));
    CHECK(error.find("Editor.Save") != std::string::npos);
    CHECK_FALSE(message_catalog::parse(R"({"a": 1})", error));
    CHECK_FALSE(message_catalog::parse(R"({"a": "{count"})", error));
    CHECK_FALSE(message_catalog::parse(R"({"a": "oops}"})", error));
    CHECK(message_catalog::parse(R"({"a": "a {{literal}} brace"})", error));
}

TEST_CASE("messages: placeholders are filled, unknown ones stay visible", "[messages]") {
    CHECK(format_message("{count} unsaved changes", {{"count", "3"}}) == "3 unsaved changes");
    CHECK(format_message("{a} and {b}", {{"b", "B"}}) == "{a} and B");
    CHECK(format_message("{{x}}", {{"x", "no"}}) == "{x}");
    CHECK(message_placeholders("Hi {name}, {count} left") == std::vector<std::string>{"name", "count"});
}

TEST_CASE("messages: the language's text, else English's, else the key", "[messages]") {
    const auto en = catalog(R"({"a": "Save", "b": "Discard"})");
    const auto fr = catalog(R"({"a": "Enregistrer"})");
    const messages m("fr", en, &fr);
    CHECK(m.text("a") == "Enregistrer");
    CHECK(m.text("b") == "Discard");
    CHECK(m.text("c") == "c");
    CHECK_FALSE(m.rtl());
    CHECK(messages("ar", en, nullptr).rtl());
    CHECK(messages().text("a") == "a");
}

TEST_CASE("messages: the pseudo-locale wraps, accents and lengthens English", "[messages]") {
    CHECK(pseudo_localize("Full name") == "[!! Ƒúļļ ñáɱé ~~~ !!]");
    CHECK(pseudo_localize("{count} changes") == "[!! {count} çĥáñĝéš ~~~ !!]");
    CHECK(pseudo_localize("Size {cm") == "[!! Šížé {çɱ ~~ !!]");  // unpaired: all of it is text
    const auto en = catalog(R"({"n": "{count} changes"})");
    const auto fr = catalog(R"({"n": "{count} modifications"})");
    const messages m("en-XA", en, &fr);
    CHECK(m.text("n", {{"count", "2"}}) == "[!! 2 çĥáñĝéš ~~~ !!]");
}
