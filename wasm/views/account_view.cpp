#include "views/account_view.hpp"

#include "app/account_mirror.hpp"
#include "app/controller_account.hpp"
#include "app/i18n.hpp"
#include "platform/test_hook.hpp"
#include "views/layout.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"
#include "views/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID, as the form's fields do
#include <misc/cpp/imgui_stdlib.h>

#include <ctime>

namespace profiledesk::app::views {
namespace {

using platform::record_item;
using step = account_state::step;

struct part {
    const app_state& s;
    float label_w;
    std::vector<intent>& out;
    // The column: labels at its reading start, widgets after label_w
    // (mirrored right to left, views/layout.hpp).
    row_span row = row_here();

    float widget_w() const { return row.width() - label_w - 1; }  // as SetNextItemWidth(-1)

    void act(const std::string& name) { out.push_back({intent::kind::account_action, name, {}, {}, {}}); }

    // Where the next button goes: the cursor, the start of the widget column
    // on a new line, or after the last button (under it at the column's
    // start when it does not fit: translations run longer than English).
    enum class place { here, column, after };

    // `key`: the label's catalog key.
    bool button(const char* key, const std::string& name, bool enabled = true, place where = place::here,
                emphasis look = emphasis::secondary) {
        const std::string& label = tr(key);
        const float w = button_width(label);
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        if (where == place::after) {
            const bool fits = page_rtl() ? ImGui::GetItemRectMin().x - spacing - w >= row.left
                                         : ImGui::GetItemRectMax().x + spacing + w <= row.right;
            where = fits ? place::after : place::column;
            if (fits) same_line_after(w);
        }
        if (where == place::column) {
            ImGui::Dummy(ImVec2(0, 0));
            same_line_at(row, label_w, w);
        }
        const bool pressed = views::button(label + "##" + name, "button:account:" + name, enabled, ImVec2(w, 0), look);
        if (pressed) act(name);
        return pressed;
    }

    // A line under the widgets, wrapped to the column.
    void note(const ImVec4& colour, const std::string& text, const std::string& hook) {
        if (text.empty()) return;
        ImGui::Dummy(ImVec2(0, 0));
        same_line_at(row, label_w, widget_w());
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widget_w());
        text_colored(colour, text, hook);
        ImGui::PopTextWrapPos();
        record_item(hook);
    }

    // A label (`key`: its catalog key; `id` names it for the test hook),
    // then the cursor where the next item, `next_w` wide, goes.
    void label(const char* key, const std::string& id, float next_w) {
        ImGui::AlignTextToFramePadding();
        const float box = label_w - ImGui::GetStyle().ItemSpacing.x;
        const std::string& t = tr(key);
        row_start(row, 0, std::min(box, text_width(t)));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + box);  // a long translation wraps in its column
        text_in_box(t, box, ImGui::GetStyleColorVec4(ImGuiCol_Text), "label:" + id);
        ImGui::PopTextWrapPos();
        same_line_at(row, label_w, next_w);
    }

    // One of the part's text inputs: focus as the form's fields take it,
    // and the state's text when it changed elsewhere (the form mirror).
    void input(const char* label_key, const char* id, const char* hint_key, bool password) {
        label(label_key, id, widget_w());
        const std::string hint = hint_key != nullptr ? tr(hint_key) : std::string();
        ImGui::PushID(id);
        ImGui::SetNextItemWidth(widget_w());
        const bool requested = s.focus_request == id;
        if (requested) {
            ImGui::ClearActiveID();
            ImGui::SetKeyboardFocusHere();
            out.push_back({intent::kind::focus_done, id, {}, {}, {}});
        }
        std::string text = account_field_text(s, id);
        struct sync_data {
            const app_state* s;
            const char* id;
        } sync{&s, id};
        const auto sync_fn = [](ImGuiInputTextCallbackData* d) {
            const auto* data = static_cast<sync_data*>(d->UserData);
            if (ImGui::GetCurrentContext()->InputTextState.Edited) return 0;
            const std::string want = account_field_text(*data->s, data->id);
            if (std::string_view(d->Buf, static_cast<std::size_t>(d->BufTextLen)) != want) {
                d->DeleteChars(0, d->BufTextLen);
                d->InsertChars(0, want.data(), want.data() + want.size());
            }
            return 0;
        };
        ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackAlways;
        if (password) flags |= ImGuiInputTextFlags_Password;
        if (s.account.busy) flags |= ImGuiInputTextFlags_ReadOnly;
        const bool edited = ImGui::InputTextWithHint("##v", hint.c_str(), &text, flags, sync_fn, &sync);
        record_item(std::string("field:") + id);
        if (text.empty()) record_in_last_frame(hint, std::string("placeholder:") + id);
        if (ImGui::IsItemActive() && s.focused != id && (s.focus_request.empty() || s.focus_request == id)) {
            out.push_back({intent::kind::focus, id, {}, {}, {}});
        }
        if (edited) out.push_back({intent::kind::account_edit, id, text, {}, {}});
        if (requested && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        ImGui::PopID();
    }

    void heading() {
        {
            const type_scope heading(type_role::section);
            line_or_wrapped(role().accent_text, account_section_label(), "section:account");
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y),
                                            ImGui::GetColorU32(ImGuiCol_Separator));
        ImGui::Dummy(ImVec2(0, 4));
        note(role().warning, reauth_notice(s), "text:account:reauth-notice");
    }

    void email() {
        const auto& a = s.account;
        label("account.email", "account:email", text_width(s.profile->email));
        text(s.profile->email, "text:account:email");
        record_item("text:account:email");
        if (!a.view.email_change) {
            note(role().muted, email_read_only_reason(s), "reason:account:email");
        } else if (a.open != step::email) {
            button(a.view.pending_email ? "account.change_to_another" : "account.change_email", "email-open", !a.busy,
                   place::column);
        }
        if (a.view.pending_email) {
            const auto& p = *a.view.pending_email;
            const std::string by = until(p.expires_at);
            note(role().warning,
                 by.empty() ? tr("account.pending", {{"address", p.address}})
                            : tr("account.pending_until", {{"address", p.address}, {"date", by}}),
                 "text:account:pending");
            button("account.resend", "email-resend", !a.busy, place::column);
            button("account.cancel_change", "email-cancel", !a.busy, place::after);
        }
        if (a.open == step::email) {
            input("account.new_email", account_new_email_id, "account.email_placeholder", false);
            button(a.busy ? "account.sending" : "account.send_link", "email-send", can_send_email_link(s),
                   place::column, emphasis::primary);
            button("account.cancel", "close", !a.busy, place::after);
        }
    }

    void password() {
        const auto& a = s.account;
        ImGui::Spacing();
        const std::string& hidden = tr("account.not_shown");
        label("account.password", "account:password",
              !a.view.password_change ? text_width(hidden) : button_width(tr("account.change_password")));
        if (!a.view.password_change) {
            text_colored(role().muted, hidden, "text:account:password");
            note(role().muted, password_read_only_reason(s), "reason:account:password");
            return;
        }
        if (a.open != step::password) {
            button("account.change_password", "password-open", !a.busy);
            return;
        }
        ImGui::NewLine();
        input("account.new_password", account_password_id, nullptr, true);
        input("account.repeat_password", account_confirm_id, nullptr, true);
        note(role().danger, confirm_error(s), "error:account:confirm");
        // The rules, met or not as the person types: a filled dot or a ring.
        for (const auto& rule : password_rule_lines(s)) {
            const float h = ImGui::GetTextLineHeight();
            ImGui::Dummy(ImVec2(0, 0));
            same_line_at(row, label_w, h * 0.8f);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 c(p.x + h * 0.35f, p.y + h * 0.55f);
            auto* dl = ImGui::GetWindowDrawList();
            if (rule.met) {
                dl->AddCircleFilled(c, h * 0.25f, ImGui::GetColorU32(role().success));
            } else {
                dl->AddCircle(c, h * 0.25f, ImGui::GetColorU32(role().muted), 12, 1.5f);
            }
            ImGui::Dummy(ImVec2(h * 0.8f, h));
            const float spacing = ImGui::GetStyle().ItemSpacing.x;
            const float rule_w = widget_w() - h * 0.8f - spacing;
            same_line_at(row, label_w + h * 0.8f + spacing, rule_w);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + rule_w);
            text_colored(rule.met ? role().success : role().muted, rule.text, "rule:" + rule.id);
            ImGui::PopTextWrapPos();
            record_item("rule:" + rule.id);
        }
        button(a.busy ? "account.saving" : "account.save_password", "password-save", can_save_password(s),
               place::column, emphasis::primary);
        button("account.cancel", "close", !a.busy, place::after);
    }

    // "04 Dec 2026, 21:05 UTC" (UTC: the server's clock and ours may differ; a date is enough).
    static std::string until(std::int64_t expires_at) {
        if (expires_at <= 0) return {};
        const std::time_t t = static_cast<std::time_t>(expires_at);
        std::tm tm{};
        if (gmtime_r(&t, &tm) == nullptr) return {};
        char buf[40];
        if (std::strftime(buf, sizeof buf, "%d %b %Y, %H:%M UTC", &tm) == 0) return {};
        return buf;
    }
};

}  // namespace

void draw_account_security(const app_state& s, float label_w, std::vector<intent>& out) {
    if (!s.profile) return;
    ImGui::PushID("account");
    part p{s, label_w, out};
    p.heading();
    p.email();
    p.password();
    p.note(role().danger, s.account.error, "text:account:error");
    p.note(role().success, s.account.notice, "text:account:notice");
    ImGui::Spacing();
    ImGui::PopID();
}

}  // namespace profiledesk::app::views
