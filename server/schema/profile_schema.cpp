#include "schema/profile_schema.hpp"

#include "schema/re2_pattern.hpp"

#include "profiledesk/core/default_schema.hpp"
#include "profiledesk/core/schema_parser.hpp"

#include <fstream>
#include <sstream>

namespace profiledesk::schema {

std::shared_ptr<const core::field_schema> load_profile_schema(const std::string& path,
                                                              std::vector<std::string>& problems) {
    std::string text(core::default_schema_json());
    if (!path.empty()) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream contents;
        contents << in.rdbuf();
        if (!in) {
            problems.push_back("cannot read the file " + path);
            return nullptr;
        }
        text = contents.str();
    }
    auto result = core::parse_schema(std::string_view(text), compile_re2);
    if (!result.ok()) {
        problems.insert(problems.end(), result.errors.begin(), result.errors.end());
        return nullptr;
    }
    return std::make_shared<const core::field_schema>(std::move(*result.schema));
}

}  // namespace profiledesk::schema
