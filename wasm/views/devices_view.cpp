#include "views/devices_view.hpp"
#include "views/theme.hpp"
#include "views/widgets.hpp"

#include "app/devices.hpp"
#include "app/devices_mirror.hpp"
#include "platform/test_hook.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>

namespace profiledesk::app::views {
namespace {

using platform::record_item;

// A table needs this much room for its five columns to stay readable;
// narrower (a phone held upright), each session is a block of lines.
constexpr float table_min_width = 640;

void act(std::vector<intent>& out, const std::string& action) {
    out.push_back({intent::kind::devices, action, {}, {}, {}});
}

bool action_button(const std::string& label, const std::string& action, bool enabled = true, bool dangerous = false) {
    // One ImGui id per action, whatever the label says ("Signing out...").
    return views::button((label + "###" + action).c_str(), "button:" + action, enabled, ImVec2(0, 0),
                         dangerous ? emphasis::dangerous : emphasis::secondary);
}

void wrapped(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void heading(const char* text) {
    {
        const type_scope section(type_role::section);
        ImGui::TextColored(role().accent_text, "%s", text);
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
        ImGui::TextColored(role().muted, "Listing your sessions...");
    }
    const auto when = [&](std::int64_t t) { return when_text(t, d.listed_at, d.utc_offset_min); };
    const auto end_button = [&](const core::session_entry_view& e) {
        if (e.current) return;
        const std::string action = "end-session:" + e.handle;
        if (action_button(d.ending == e.handle ? "Signing out..." : "Sign out", action, ready && d.ending.empty())) {
            act(out, action);
        }
    };
    if (!d.sessions.empty() && width >= table_min_width) {
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("##sessions", 5, flags)) {
            ImGui::TableSetupColumn("Device", ImGuiTableColumnFlags_WidthStretch, 2.2f);
            ImGui::TableSetupColumn("Address", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("Signed in", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableSetupColumn("Last active", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 110);
            ImGui::TableHeadersRow();
            for (const auto& e : d.sessions) {
                ImGui::PushID(e.handle.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(e.device.c_str());
                if (e.current) {
                    ImGui::SameLine();
                    ImGui::TextColored(role().success, "This device");
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.address.empty() ? "unknown" : e.address.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(when(e.created_at).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(when(e.last_active_at).c_str());
                ImGui::TableNextColumn();
                end_button(e);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    } else {
        for (const auto& e : d.sessions) {
            ImGui::PushID(e.handle.c_str());
            ImGui::TextUnformatted(e.device.c_str());
            if (e.current) {
                ImGui::SameLine();
                ImGui::TextColored(role().success, "This device");
            }
            wrapped(role().muted, (e.address.empty() ? std::string("unknown address") : e.address) + " - signed in " +
                                      when(e.created_at) + ", last active " + when(e.last_active_at));
            end_button(e);
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
    const bool others = std::any_of(d.sessions.begin(), d.sessions.end(), [](const auto& e) { return !e.current; });
    if (action_button(d.ending == others_handle ? "Signing out other sessions..." : "Sign out all other sessions",
                      "end-other-sessions", ready && others && d.ending.empty())) {
        act(out, "end-other-sessions");
    }
}

void draw_delete_step(const app_state& s, std::vector<intent>& out) {
    const auto& d = s.devices;
    ImGui::TextColored(role().danger, "Delete my account");
    for (const char* line : delete_explanation) wrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), line);
    ImGui::Spacing();
    wrapped(role().muted, delete_confirm_label(s));
    std::string text = d.confirm_text;
    ImGui::SetNextItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x));
    if (d.deleting) begin_disabled_look();
    const bool enter = ImGui::InputText("##delete-confirm", &text, ImGuiInputTextFlags_EnterReturnsTrue);
    if (d.deleting) end_disabled_look();
    record_item(std::string("field:") + delete_confirm_field);
    // Not a profile field: the form's focus (Tab order, Enter, Esc) lets go.
    if (ImGui::IsItemActivated() && !s.focused.empty()) out.push_back({intent::kind::focus, {}, {}, {}, {}});
    if (text != d.confirm_text) out.push_back({intent::kind::devices, delete_confirm_field, text, {}, {}});
    if (!d.delete_error.empty()) {
        wrapped(role().danger, d.delete_error);
        record_item("text:delete-error");
    }
    const bool ready = can_confirm_deletion(s);
    if (action_button(d.deleting ? "Deleting..." : "Delete my account for good", "delete-confirm", ready, true) ||
        (enter && ready)) {
        act(out, "delete-confirm");
    }
    ImGui::SameLine();
    if (action_button("Cancel", "delete-cancel", !d.deleting)) act(out, "delete-cancel");
}

}  // namespace

void draw_devices(const app_state& s, float width, std::vector<intent>& out) {
    const auto& d = s.devices;
    ImGui::Spacing();
    heading("Your devices and your account");

    const bool open = d.list != devices_state::list_status::closed;
    if (action_button(open ? "Hide where you're signed in" : "Where you're signed in", "sessions-toggle")) {
        act(out, "sessions-toggle");
    }
    if (open) draw_sessions(s, width, out);
    if (!d.result.empty()) {
        wrapped(d.result_is_error ? role().danger : role().success, d.result);
        record_item("text:devices-result");
    }
    ImGui::Spacing();

    if (action_button(d.exporting ? "Preparing your data..." : "Download my data", "export-data", !d.exporting)) {
        act(out, "export-data");
    }
    wrapped(role().muted,
            "A JSON file with your profile as the sign-in service holds it and what this page keeps about you.");
    ImGui::Spacing();

    if (!deletion_allowed(s)) return;
    if (d.delete_open) {
        draw_delete_step(s, out);
    } else if (action_button("Delete my account", "delete-open", true, true)) {
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
    ImGui::TextUnformatted(farewell_title);
    record_item("text:farewell");
    ImGui::Spacing();
    wrapped(role().muted, farewell_text);
    ImGui::Spacing();
    if (s.current == phase::signed_out) {
        if (ImGui::Button("Sign in with another account", ImVec2(-1, 0)))
            out.push_back({intent::kind::sign_in, {}, {}, {}, {}});
        record_item("button:sign-in");
    }
    ImGui::End();
}

}  // namespace profiledesk::app::views
