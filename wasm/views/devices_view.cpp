#include "views/devices_view.hpp"
#include "views/theme.hpp"
#include "views/widgets.hpp"

#include "app/devices.hpp"
#include "app/devices_mirror.hpp"
#include "app/i18n.hpp"
#include "platform/test_hook.hpp"
#include "views/layout.hpp"
#include "views/text.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <functional>

namespace profiledesk::app::views {
namespace {

using platform::record_item;

// A table needs this much room for its five columns to stay readable;
// narrower (a phone held upright), each session is a block of lines.
constexpr float table_min_width = 640;

void act(std::vector<intent>& out, const std::string& action) {
    out.push_back({intent::kind::devices, action, {}, {}, {}});
}

// At the start of its own line, unless the caller `placed` it (beside the last item).
bool action_button(const std::string& label, const std::string& action, bool enabled = true, bool dangerous = false,
                   bool placed = false) {
    // As wide as placed: ImGui would size a complex label by the atlas's glyphs.
    const float w = button_width(label);
    if (!placed) start_of_line(w);
    // One ImGui id per action, whatever the label says ("Signing out...").
    return views::button(label + "###" + action, "button:" + action, enabled, ImVec2(w, 0),
                         dangerous ? emphasis::dangerous : emphasis::secondary);
}

void wrapped(const ImVec4& colour, const std::string& s, const std::string& hook_id) {
    text_wrapped_colored(colour, s, hook_id);
}

// One line of text at the start of its line, in `colour` when given.
void line(const std::string& s, const std::string& hook_id, const ImVec4* colour = nullptr) {
    start_of_line(text_width(s));
    if (colour != nullptr) {
        text_colored(*colour, s, hook_id);
    } else {
        text(s, hook_id);
    }
}

// "This device" after the device's name.
void this_device() {
    const std::string& s = tr("devices.this_device");
    same_line_after(text_width(s));
    text_colored(role().success, s, "devices:this-device");
}

void heading(const std::string& s, const std::string& hook_id) {
    {
        const type_scope section(type_role::section);
        line_or_wrapped(role().accent_text, s, hook_id);
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y),
                                        ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(0, 4));
}

void draw_sessions(const app_state& s, float width, std::vector<intent>& out) {
    const auto& d = s.devices;
    const bool ready = d.list == devices_state::list_status::ready;
    if (d.list == devices_state::list_status::loading && d.sessions.empty()) {
        line(tr("devices.listing"), "text:devices-listing", &role().muted);
    }
    const auto when = [&](std::int64_t t) { return when_text(t, d.listed_at, d.utc_offset_min); };
    const auto end_button = [&](const core::session_entry_view& e) {
        if (e.current) return;
        const std::string action = "end-session:" + e.handle;
        if (action_button(tr(d.ending == e.handle ? "devices.signing_out" : "devices.sign_out"), action,
                          ready && d.ending.empty())) {
            act(out, action);
        }
    };
    if (!d.sessions.empty() && width >= table_min_width) {
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("##sessions", 5, flags)) {
            const std::string names[] = {tr("devices.column_device"), tr("devices.column_address"),
                                         tr("devices.column_signed_in"), tr("devices.column_last_active"), ""};
            struct column {
                ImGuiTableColumnFlags flags;
                float weight;
            };
            const std::array<column, 5> columns = {{
                {ImGuiTableColumnFlags_WidthStretch, 2.2f},
                {ImGuiTableColumnFlags_WidthStretch, 1.2f},
                {ImGuiTableColumnFlags_WidthStretch, 1.5f},
                {ImGuiTableColumnFlags_WidthStretch, 1.5f},
                // As wide as the longest of its buttons' labels needs.
                {ImGuiTableColumnFlags_WidthFixed,
                 std::max({110.0f, button_width(tr("devices.sign_out")), button_width(tr("devices.signing_out"))})},
            }};
            // Right to left, the first column is the rightmost.
            const bool rtl = page_rtl();
            const auto shown_at = [&](std::size_t i) { return rtl ? columns.size() - 1 - i : i; };
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& c = columns[shown_at(i)];
                ImGui::TableSetupColumn(names[shown_at(i)].c_str(), c.flags, c.weight);
            }
            // The header row by hand (TableHeadersRow's own), so each header
            // is recorded; right to left each name at its cell's right.
            ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (!ImGui::TableSetColumnIndex(static_cast<int>(i))) continue;
                const std::size_t c = shown_at(i);
                const std::string hook = c < 4 ? "devices:column:" + std::to_string(c) : std::string();
                if (!rtl) {
                    ImGui::PushID(static_cast<int>(i));
                    ImGui::TableHeader(names[c].c_str());
                    ImGui::PopID();
                    if (!hook.empty()) record_last_item_label_left(names[c], hook);
                } else {
                    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
                    line(names[c], hook);
                }
            }
            for (const auto& e : d.sessions) {
                ImGui::PushID(e.handle.c_str());
                ImGui::TableNextRow();
                const std::array<std::function<void()>, 5> cells = {
                    [&] {
                        ImGui::AlignTextToFramePadding();
                        ImGui::PushTextWrapPos(0.0f);
                        text(e.device, "devices:device:" + e.handle);
                        ImGui::PopTextWrapPos();
                        if (e.current) this_device();
                    },
                    [&] { line(e.address.empty() ? tr("devices.unknown") : e.address, "devices:address:" + e.handle); },
                    [&] { line(when(e.created_at), "devices:started:" + e.handle); },
                    [&] { line(when(e.last_active_at), "devices:last-active:" + e.handle); },
                    [&] { end_button(e); },
                };
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    ImGui::TableSetColumnIndex(static_cast<int>(i));
                    cells[shown_at(i)]();
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    } else {
        for (const auto& e : d.sessions) {
            ImGui::PushID(e.handle.c_str());
            text_wrapped(e.device, "devices:device:" + e.handle);
            if (e.current) line(tr("devices.this_device"), "devices:this-device", &role().success);
            wrapped(
                role().muted,
                tr("devices.session_line", {{"address", e.address.empty() ? tr("devices.unknown_address") : e.address},
                                            {"started", when(e.created_at)},
                                            {"last_active", when(e.last_active_at)}}),
                "devices:line:" + e.handle);
            end_button(e);
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
    const bool others = std::any_of(d.sessions.begin(), d.sessions.end(), [](const auto& e) { return !e.current; });
    if (action_button(tr(d.ending == others_handle ? "devices.signing_out_others" : "devices.sign_out_others"),
                      "end-other-sessions", ready && others && d.ending.empty())) {
        act(out, "end-other-sessions");
    }
}

void draw_delete_step(const app_state& s, std::vector<intent>& out) {
    const auto& d = s.devices;
    line(tr("devices.delete"), "text:delete-title", &role().danger);
    int n = 0;
    for (const char* key : delete_explanation) {
        wrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), tr(key), "text:delete-line:" + std::to_string(n++));
    }
    ImGui::Spacing();
    wrapped(role().muted, delete_confirm_label(s), "label:" + std::string(delete_confirm_field));
    std::string text = d.confirm_text;
    const float confirm_w = std::min(420.0f, ImGui::GetContentRegionAvail().x);
    start_of_line(confirm_w);
    ImGui::SetNextItemWidth(confirm_w);
    if (d.deleting) begin_disabled_look();
    const bool enter = ImGui::InputText("##delete-confirm", &text, ImGuiInputTextFlags_EnterReturnsTrue);
    if (d.deleting) end_disabled_look();
    record_item(std::string("field:") + delete_confirm_field);
    // Not a profile field: the form's focus (Tab order, Enter, Esc) lets go.
    if (ImGui::IsItemActivated() && !s.focused.empty()) out.push_back({intent::kind::focus, {}, {}, {}, {}});
    if (text != d.confirm_text) out.push_back({intent::kind::devices, delete_confirm_field, text, {}, {}});
    if (!d.delete_error.empty()) {
        wrapped(role().danger, d.delete_error, "text:delete-error");
        record_item("text:delete-error");
    }
    const bool ready = can_confirm_deletion(s);
    if (action_button(tr(d.deleting ? "devices.deleting" : "devices.delete_for_good"), "delete-confirm", ready, true) ||
        (enter && ready)) {
        act(out, "delete-confirm");
    }
    same_line_if_fits(tr("devices.cancel"));
    if (action_button(tr("devices.cancel"), "delete-cancel", !d.deleting, false, true)) act(out, "delete-cancel");
}

}  // namespace

void draw_devices(const app_state& s, float width, std::vector<intent>& out) {
    const auto& d = s.devices;
    ImGui::Spacing();
    heading(tr("devices.heading"), "section:devices");

    const bool open = d.list != devices_state::list_status::closed;
    if (action_button(tr(open ? "devices.hide_where" : "devices.where"), "sessions-toggle")) {
        act(out, "sessions-toggle");
    }
    if (open) draw_sessions(s, width, out);
    if (!d.result.empty()) {
        wrapped(d.result_is_error ? role().danger : role().success, d.result, "text:devices-result");
        record_item("text:devices-result");
    }
    ImGui::Spacing();

    if (action_button(tr(d.exporting ? "devices.exporting" : "devices.export"), "export-data", !d.exporting)) {
        act(out, "export-data");
    }
    wrapped(role().muted, tr("devices.export_help"), "text:export-help");
    ImGui::Spacing();

    if (!deletion_allowed(s)) return;
    if (d.delete_open) {
        draw_delete_step(s, out);
    } else if (action_button(tr("devices.delete"), "delete-open", true, true)) {
        act(out, "delete-open");
    }
    ImGui::Spacing();
}

void draw_farewell(const app_state& s, std::vector<intent>& out) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(460.0f, vp->WorkSize.x - 32), 0), ImGuiCond_Always);
    ImGui::Begin("Profile Desk", nullptr,
                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    text_wrapped(tr(farewell_title), "text:farewell");
    record_item("text:farewell");
    ImGui::Spacing();
    wrapped(role().muted, tr(farewell_text), "text:farewell-text");
    ImGui::Spacing();
    if (s.current == phase::signed_out) {
        const std::string label = tr("devices.sign_in_another");
        if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) out.push_back({intent::kind::sign_in, {}, {}, {}, {}});
        record_item("button:sign-in");
        record_last_item_label(label, "button:sign-in");
    }
    ImGui::End();
}

}  // namespace profiledesk::app::views
