#include "views/language_switcher.hpp"

#include "app/i18n.hpp"
#include "app/language.hpp"
#include "platform/test_hook.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"

#include <imgui.h>

namespace profiledesk::app::views {

using platform::record_item;

void draw_language_switcher(const app_state& s, std::vector<intent>& intents) {
    const auto choices = switcher_languages();
    // The language shown, or the one its catalog is on its way for.
    const std::string& shown = s.language.loading.empty() ? s.language.current : s.language.loading;
    std::string preview = shown;  // the pseudo-locale is not listed: its tag stands
    for (const auto& c : choices) {
        if (c.tag == shown) preview = c.name;
    }
    ImGui::PushID("language-switcher");
    ImGui::SetNextItemWidth(language_switcher_width);
    const bool own_preview = drawn_by_browser(preview);  // العربية: shaped by the browser
    const bool open = ImGui::BeginCombo("##language", own_preview ? "" : preview.c_str());
    value_in_last_frame(preview, "value:language");
    record_item("combo:language");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("language.choose").c_str());
    if (open) {
        if (!s.language.switcher_opened) intents.push_back({intent::kind::language_menu, {}, {}, {}, {}});
        for (const auto& c : choices) {
            if (text_selectable(c.name, c.tag.c_str(), c.tag == shown) && c.tag != shown) {
                intents.push_back({intent::kind::language, c.tag, {}, {}, {}});
            }
            record_item("language:" + c.tag);
        }
        ImGui::EndCombo();
    }
    if (s.language.save_failed) {
        ImGui::TextColored(role().danger, "%s", tr("language.not_saved").c_str());
        record_item("text:language-not-saved");
    }
    ImGui::PopID();
}

}  // namespace profiledesk::app::views
