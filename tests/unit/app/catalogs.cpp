#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "catalogs.hpp"

#include "app/i18n.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace catalogs {

using profiledesk::core::message_catalog;

const message_catalog& english() {
    static const message_catalog catalog = [] {
        const auto path = std::filesystem::path(PD_SOURCE_DIR) / "web" / "i18n" / "en.json";
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        std::string error;
        auto parsed = message_catalog::parse(text.str(), error);
        if (!parsed) throw std::runtime_error(path.string() + ": " + error);
        return std::move(*parsed);
    }();
    return catalog;
}

void use_catalog(const std::string& language, std::string_view own_json) {
    std::string error;
    const auto own = message_catalog::parse(own_json, error);
    if (!own) throw std::runtime_error("test catalog: " + error);
    profiledesk::app::use_messages(profiledesk::core::messages(language, english(), &*own));
}

}  // namespace catalogs

namespace {

// English before every test case: one that switched language leaves no trace.
struct english_first : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        profiledesk::app::use_messages(profiledesk::core::messages("en", catalogs::english(), nullptr));
        TestEventListenerBase::testCaseStarting(info);
    }
};

}  // namespace

CATCH_REGISTER_LISTENER(english_first)
