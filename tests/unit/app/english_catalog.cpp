// The app's tests read its texts in English, as a person sees them: the
// shipped catalog (web/i18n/en.json) is in use before any test runs. Without
// it tr() would answer the keys themselves.
#include "app/i18n.hpp"
#include "profiledesk/core/messages.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

struct english_catalog {
    english_catalog() {
        std::ifstream in(PD_SOURCE_DIR "/web/i18n/en.json");
        std::stringstream text;
        text << in.rdbuf();
        std::string error;
        const auto catalog = profiledesk::core::message_catalog::parse(text.str(), error);
        if (!catalog) throw std::runtime_error("web/i18n/en.json: " + error);
        profiledesk::app::use_messages(profiledesk::core::messages("en", *catalog, nullptr));
    }
};

const english_catalog loaded;

}  // namespace
