#include "app/keyed_text.hpp"

#include "app/i18n.hpp"

namespace profiledesk::app {

std::string keyed_text::shown() const {
    if (key.empty()) return {};
    core::message_args a;
    a.reserve(args.size());
    for (const auto& [name, value] : args) a.emplace_back(name, value);
    return tr(key, a);
}

}  // namespace profiledesk::app
