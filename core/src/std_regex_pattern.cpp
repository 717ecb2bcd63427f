#include "profiledesk/core/std_regex_pattern.hpp"

#include <regex>

namespace profiledesk::core {
namespace {

class std_regex_matcher final : public pattern_matcher {
public:
    explicit std_regex_matcher(std::regex re) : re_(std::move(re)) {}

    bool matches_whole(std::string_view value) const override {
        try {
            return std::regex_match(value.begin(), value.end(), re_);
        } catch (const std::regex_error&) {
            return false;  // error_complexity or error_stack: the value cannot be shown to match
        }
    }

private:
    std::regex re_;
};

}  // namespace

std::shared_ptr<const pattern_matcher> compile_std_regex(const std::string& pattern, std::string& error) {
    try {
        return std::make_shared<const std_regex_matcher>(std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
        error = e.what();
        return nullptr;
    }
}

}  // namespace profiledesk::core
