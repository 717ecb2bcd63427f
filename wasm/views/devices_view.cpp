#include "views/devices_view.hpp"
#include "views/palette.hpp"

#include "app/devices.hpp"
#include "app/devices_mirror.hpp"
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

// At the start of its own line, or `beside` the last item (in reading order).
bool button(const std::string& label, const std::string& action, bool enabled = true, bool dangerous = false,
            bool beside = false) {
    if (beside) {
        same_line_after(button_width(label));
    } else {
        start_of_line(button_width(label));
    }
    if (!enabled) ImGui::BeginDisabled();
    if (dangerous) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.55f, 0.16f, 0.14f, 1.0f));
    // One ImGui id per action, whatever the label says ("Signing out...").
    const bool pressed = ImGui::Button((label + "###" + action).c_str());
    if (dangerous) ImGui::PopStyleColor();
    if (!enabled) ImGui::EndDisabled();
    record_item("button:" + action);
    return pressed && enabled;
}

void wrapped(const ImVec4& colour, const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    text_colored(colour, text);
    ImGui::PopTextWrapPos();
}

// One line of text at the start of its line, in `colour` when given.
void line(const std::string& text, const ImVec4* colour = nullptr) {
    start_of_line(text_width(text));
    if (colour != nullptr) {
        text_colored(*colour, text);
    } else {
        views::text(text);
    }
}

// "This device" after the device's name.
void this_device() {
    const char* text = "This device";
    same_line_after(text_width(text));
    ImGui::TextColored(success, "%s", text);
}

void heading(const char* text) {
    line(text, &accent);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y),
                                        ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(0, 4));
}

void draw_sessions(const app_state& s, float width, std::vector<intent>& out) {
    const auto& d = s.devices;
    const bool ready = d.list == devices_state::list_status::ready;
    if (d.list == devices_state::list_status::loading && d.sessions.empty()) {
        line("Listing your sessions...", &muted);
    }
    const auto when = [&](std::int64_t t) { return when_text(t, d.listed_at, d.utc_offset_min); };
    const auto end_button = [&](const core::session_entry_view& e) {
        if (e.current) return;
        const std::string action = "end-session:" + e.handle;
        if (button(d.ending == e.handle ? "Signing out..." : "Sign out", action, ready && d.ending.empty())) {
            act(out, action);
        }
    };
    if (!d.sessions.empty() && width >= table_min_width) {
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("##sessions", 5, flags)) {
            struct column {
                const char* name;
                ImGuiTableColumnFlags flags;
                float weight;
            };
            const std::array<column, 5> columns = {{
                {"Device", ImGuiTableColumnFlags_WidthStretch, 2.2f},
                {"Address", ImGuiTableColumnFlags_WidthStretch, 1.2f},
                {"Signed in", ImGuiTableColumnFlags_WidthStretch, 1.5f},
                {"Last active", ImGuiTableColumnFlags_WidthStretch, 1.5f},
                {"", ImGuiTableColumnFlags_WidthFixed, 110},
            }};
            // Right to left, the first column is the rightmost.
            const bool rtl = page_rtl();
            const auto shown_at = [&](std::size_t i) { return rtl ? columns.size() - 1 - i : i; };
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& c = columns[shown_at(i)];
                ImGui::TableSetupColumn(c.name, c.flags, c.weight);
            }
            if (!rtl) {
                ImGui::TableHeadersRow();
            } else {  // TableHeadersRow puts each name at its cell's left
                ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    ImGui::TableSetColumnIndex(static_cast<int>(i));
                    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
                    line(columns[shown_at(i)].name);
                }
            }
            for (const auto& e : d.sessions) {
                ImGui::PushID(e.handle.c_str());
                ImGui::TableNextRow();
                const std::array<std::function<void()>, 5> cells = {
                    [&] {
                        ImGui::AlignTextToFramePadding();
                        line(e.device);
                        if (e.current) this_device();
                    },
                    [&] { line(e.address.empty() ? "unknown" : e.address); },
                    [&] { line(when(e.created_at)); },
                    [&] { line(when(e.last_active_at)); },
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
            line(e.device);
            if (e.current) this_device();
            wrapped(muted, (e.address.empty() ? std::string("unknown address") : e.address) + " - signed in " +
                               when(e.created_at) + ", last active " + when(e.last_active_at));
            end_button(e);
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
    const bool others = std::any_of(d.sessions.begin(), d.sessions.end(), [](const auto& e) { return !e.current; });
    if (button(d.ending == others_handle ? "Signing out other sessions..." : "Sign out all other sessions",
               "end-other-sessions", ready && others && d.ending.empty())) {
        act(out, "end-other-sessions");
    }
}

void draw_delete_step(const app_state& s, std::vector<intent>& out) {
    const auto& d = s.devices;
    line("Delete my account", &danger);
    for (const char* line : delete_explanation) wrapped(ImGui::GetStyleColorVec4(ImGuiCol_Text), line);
    ImGui::Spacing();
    wrapped(muted, delete_confirm_label(s));
    std::string text = d.confirm_text;
    const float confirm_w = std::min(420.0f, ImGui::GetContentRegionAvail().x);
    start_of_line(confirm_w);
    ImGui::SetNextItemWidth(confirm_w);
    if (d.deleting) ImGui::BeginDisabled();
    const bool enter = ImGui::InputText("##delete-confirm", &text, ImGuiInputTextFlags_EnterReturnsTrue);
    if (d.deleting) ImGui::EndDisabled();
    record_item(std::string("field:") + delete_confirm_field);
    // Not a profile field: the form's focus (Tab order, Enter, Esc) lets go.
    if (ImGui::IsItemActivated() && !s.focused.empty()) out.push_back({intent::kind::focus, {}, {}, {}, {}});
    if (text != d.confirm_text) out.push_back({intent::kind::devices, delete_confirm_field, text, {}, {}});
    if (!d.delete_error.empty()) {
        wrapped(danger, d.delete_error);
        record_item("text:delete-error");
    }
    const bool ready = can_confirm_deletion(s);
    if (button(d.deleting ? "Deleting..." : "Delete my account for good", "delete-confirm", ready, true) ||
        (enter && ready)) {
        act(out, "delete-confirm");
    }
    if (button("Cancel", "delete-cancel", !d.deleting, false, true)) act(out, "delete-cancel");
}

}  // namespace

void draw_devices(const app_state& s, float width, std::vector<intent>& out) {
    const auto& d = s.devices;
    ImGui::Spacing();
    heading("Your devices and your account");

    const bool open = d.list != devices_state::list_status::closed;
    if (button(open ? "Hide where you're signed in" : "Where you're signed in", "sessions-toggle")) {
        act(out, "sessions-toggle");
    }
    if (open) draw_sessions(s, width, out);
    if (!d.result.empty()) {
        wrapped(d.result_is_error ? danger : success, d.result);
        record_item("text:devices-result");
    }
    ImGui::Spacing();

    if (button(d.exporting ? "Preparing your data..." : "Download my data", "export-data", !d.exporting)) {
        act(out, "export-data");
    }
    wrapped(muted, "A JSON file with your profile as the sign-in service holds it and what this page keeps about you.");
    ImGui::Spacing();

    if (!deletion_allowed(s)) return;
    if (d.delete_open) {
        draw_delete_step(s, out);
    } else if (button("Delete my account", "delete-open", true, true)) {
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
    line(farewell_title);
    record_item("text:farewell");
    ImGui::Spacing();
    wrapped(muted, farewell_text);
    ImGui::Spacing();
    if (s.current == phase::signed_out) {
        if (ImGui::Button("Sign in with another account", ImVec2(-1, 0)))
            out.push_back({intent::kind::sign_in, {}, {}, {}, {}});
        record_item("button:sign-in");
    }
    ImGui::End();
}

}  // namespace profiledesk::app::views
