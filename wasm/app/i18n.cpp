#include "app/i18n.hpp"

namespace profiledesk::app {
namespace {

core::messages& current() {
    static core::messages m;
    return m;
}

}  // namespace

const core::messages& current_messages() { return current(); }

void use_messages(core::messages messages) { current() = std::move(messages); }

}  // namespace profiledesk::app
