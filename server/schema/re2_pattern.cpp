#include "schema/re2_pattern.hpp"

namespace profiledesk::schema {

bool re2_matcher::matches_whole(std::string_view value) const {
    return RE2::FullMatch(re2::StringPiece(value.data(), value.size()), *re_);
}

std::shared_ptr<const core::pattern_matcher> compile_re2(const std::string& pattern, std::string& error) {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_log_errors(false);
    options.set_never_capture(true);  // only "does it match" is asked
    auto re = std::make_unique<const RE2>(pattern, options);
    if (!re->ok()) {
        error = "RE2: " + re->error();
        return nullptr;
    }
    return std::make_shared<const re2_matcher>(std::move(re));
}

}  // namespace profiledesk::schema
