#define IMGUI_DEFINE_MATH_OPERATORS
#include "views/editor_view.hpp"

#include "app/field_overlay_rules.hpp"
#include "app/form_mirror.hpp"
#include "app/i18n.hpp"
#include "app/profile_form.hpp"
#include "platform/browser_text.hpp"
#include "platform/field_overlay.hpp"
#include "platform/form_mirror_bridge.hpp"
#include "platform/site.hpp"
#include "platform/test_hook.hpp"
#include "profiledesk/core/utf8.hpp"
#include "views/account_view.hpp"
#include "views/brand_view.hpp"
#include "views/devices_view.hpp"
#include "views/header_view.hpp"
#include "views/language_switcher.hpp"
#include "views/layout.hpp"
#include "views/support_link.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"
#include "views/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: focus moved to a widget that cannot take it
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>

namespace profiledesk::app::views {
namespace {

using platform::record_item;

struct frame_out {
    std::vector<intent> intents;
    void add(intent::kind k, std::string id = {}) { intents.push_back({k, std::move(id), {}, {}, {}}); }
};

// While a text field is active, ImGui 1.86 keeps its own copy of the text
// and writes it back into the draft every frame. So when the draft changed
// elsewhere (the form mirror, Discard, a save's answer) and ImGui did not
// edit this frame, the field takes the draft's text; and the mirror's caret
// (app_state::caret), once, its selection.
struct text_sync {
    const app_state* s;
    std::string id;
    bool caret_applied = false;
};

int sync_with_draft(ImGuiInputTextCallbackData* d) {
    auto* sync = static_cast<text_sync*>(d->UserData);
    if (d->EventFlag != ImGuiInputTextFlags_CallbackAlways) return 0;
    const bool edited_here = ImGui::GetCurrentContext()->InputTextState.Edited;
    const std::string text = field_text(*sync->s, sync->id);
    if (!edited_here && std::string_view(d->Buf, static_cast<std::size_t>(d->BufTextLen)) != text) {
        d->DeleteChars(0, d->BufTextLen);
        d->InsertChars(0, text.data(), text.data() + text.size());
    }
    const auto& want = sync->s->caret;
    if (want.id != sync->id || edited_here) return 0;
    const int end = std::min(static_cast<int>(want.end), d->BufTextLen);
    const int start = std::min(static_cast<int>(want.start), end);
    d->SelectionStart = start;
    d->SelectionEnd = end;
    d->CursorPos = end;
    sync->caret_applied = true;
    return 0;
}

void draw_welcome(const app_state& s, frame_out& out) {
    // "###welcome": one ImGui window whatever the brand's name.
    centered_panel_begin((platform::site().brand_name + "###welcome").c_str(), 440);
    draw_brand("welcome");
    ImGui::Spacing();
    {
        const type_scope title(type_role::title);
        text_wrapped(tr("welcome.heading", {{"brand", platform::site().brand_name}}), "text:welcome");
    }
    ImGui::Spacing();
    text_wrapped_colored(role().muted, tr("welcome.intro"), "text:welcome-intro");
    ImGui::Spacing();
    if (!s.account_error.empty()) {  // why the account's sessions ended (blocked, deleted)
        text_wrapped_colored(role().danger, s.account_error, "text:account-error");
        record_item("text:account-error");
        support_link("support:account-error");
        ImGui::Spacing();
    }
    if (s.current == phase::signed_out) {
        if (primary_button(tr("welcome.sign_in"), "button:sign-in", true, ImVec2(-1, 0)))
            out.add(intent::kind::sign_in);
        ImGui::Spacing();
        draw_language_switcher(s, out.intents);  // before sign-in too: this browser's choice
    } else {
        text_wrapped(s.status_text.shown(), "text:status");
        record_item("text:status");
    }
    ImGui::End();
}

void draw_fatal_error(const app_state& s, frame_out& out) {
    centered_panel_begin((platform::site().brand_name + "###fatal").c_str(), 480);
    {
        const type_scope title(type_role::section);
        text_wrapped_colored(role().danger, tr("status.failed_heading"), "text:error-heading");
    }
    text_wrapped(s.error_message, "text:error");
    record_item("text:error");
    support_link("support:error");
    ImGui::Spacing();
    if (retry_button(s)) out.add(intent::kind::retry);
    ImGui::End();
}

// A multi-line field's complex value, not being edited: as
// views::value_in_last_frame draws a single line's, but wrapped at the
// frame's width, each line from the right edge when it reads right to left.
void wrapped_value_in_last_frame(const std::string& text) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const float wrap = std::max(1.0f, max.x - min.x - pad.x * 2);
    const platform::laid_out_text& laid = platform::browser_text(text, wrap);
    const float x = laid.rtl ? max.x - pad.x - laid.size.x : min.x + pad.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    platform::draw_laid_out_text(dl, ImVec2(x, min.y + pad.y), ImGui::GetColorU32(ImGuiCol_Text), laid);
    dl->PopClipRect();
}

// The browser's text field over this one while its complex text is edited
// (platform/field_overlay.hpp; app/field_overlay_rules.hpp decides when).
// Called right after the field's InputText.
void overlay_text_field(const app_state& s, const form_field& f, const std::string& text, bool requested, bool edited,
                        ImU32 text_colour, frame_out& out) {
    const bool here = platform::field_overlay_field() == f.id;
    overlay_frame frame;
    frame.overlay_here = here;
    frame.browser_text = edits_in_browser(f, text);
    if (!here && !frame.browser_text) return;
    const ImRect item(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    const bool dialog = s.review_open || s.current == phase::conflict;  // in front of the form
    frame.focus_moved_in = requested;
    frame.clicked = ImGui::IsItemActivated();
    frame.edited_in_imgui = edited;
    frame.visible = ImGui::IsItemVisible() && clip.Overlaps(item) && !dialog;
    frame.mirror_has_keyboard = platform::form_mirror_has_focus();
    const overlay_step step = overlay_step_for(frame);
    if (step == overlay_step::none) return;
    if (step == overlay_step::close) {
        platform::close_field_overlay();
        return;
    }
    platform::field_overlay_look look;
    look.frame_min = item.Min;
    look.frame_max = item.Max;
    look.clip_min = clip.Min;
    look.clip_max = clip.Max;
    // The fonts and em size the page lays the canvas's complex text out with
    // (platform/browser_text.hpp), so the field looks the same edited or not.
    look.font_family = platform::browser_font_stack();
    look.font_size = platform::browser_text_em(ImGui::GetFontSize());
    look.line_height = ImGui::GetTextLineHeight();
    look.padding = ImGui::GetStyle().FramePadding;
    look.text_colour = text_colour;
    if (step == overlay_step::follow) {
        platform::place_field_overlay(look, text);
        return;
    }
    // The caret carries over from ImGui's field (code points: IMGUI_USE_WCHAR32);
    // focused by the app, all selected, as ImGui and browsers do on Tab.
    const int length = static_cast<int>(core::decode_utf8_replacing(text).size());
    int start = requested ? 0 : length;
    int end = length;
    if (const ImGuiInputTextState* st = ImGui::GetInputTextState(ImGui::GetItemID()); st != nullptr && edited) {
        start = std::min(st->Stb.select_start, st->Stb.select_end);
        end = std::max(st->Stb.select_start, st->Stb.select_end);
        if (start == end) start = end = st->Stb.cursor;
    }
    // ImGui's field lets go: an active 1.86 InputText would write its own copy back.
    if (ImGui::IsItemActive()) ImGui::ClearActiveID();
    if (s.focused != f.id) out.add(intent::kind::focus, f.id);
    platform::open_field_overlay(f.id, f.label, text, f.kind == widget::multi_line, start, end, look);
}

// The combo just drawn without its arrow (ImGuiComboFlags_NoArrowButton) and
// value, on a right-to-left page: both drawn here, mirrored, as ImGui's
// BeginCombo draws them at the other end.
void mirror_last_combo(const std::string& preview, const std::string& hook_id) {
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImGuiStyle& style = ImGui::GetStyle();
    const float arrow = ImGui::GetFrameHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImGuiCol bg = ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
    dl->AddRectFilled(r.Min, ImVec2(r.Min.x + arrow, r.Max.y), ImGui::GetColorU32(bg), style.FrameRounding,
                      ImDrawFlags_RoundCornersLeft);
    ImGui::RenderArrow(dl, ImVec2(r.Min.x + style.FramePadding.y, r.Min.y + style.FramePadding.y),
                       ImGui::GetColorU32(ImGuiCol_Text), ImGuiDir_Down, 1.0f);
    text_at_end(dl, ImVec2(r.Min.x + arrow + style.FramePadding.x, r.Min.y + style.FramePadding.y),
                ImVec2(r.Max.x - style.FramePadding.x, r.Max.y), ImGui::GetColorU32(ImGuiCol_Text), preview, hook_id);
}

void draw_field(const app_state& s, const form_field& f, float label_w, frame_out& out) {
    const bool changed = is_changed(s, f.id);
    const std::string error = field_error(s, f.id);
    const std::string hook = "field:" + f.id;
    ImGui::PushID(f.id.c_str());

    // Label, with a mark when changed: the label column, then the widget
    // (views/layout.hpp mirrors the row when the page reads right to left).
    const row_span row = row_here();
    const float label_box = label_w - ImGui::GetStyle().ItemSpacing.x;
    const float widget_w = row.width() - label_w - 1;  // as SetNextItemWidth(-1): its border shows
    row_start(row, 0, label_box);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::AlignTextToFramePadding();
    const bool label_in_widget = f.kind == widget::checkbox && f.editable;
    // A label longer than its column (a translation) wraps inside it; the widget stands at its first line.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + label_box);
    if (label_in_widget) {
        ImGui::TextUnformatted("");
    } else if (changed) {
        // The mark before the label: at its left, or its right right to left.
        const float mark_x = page_rtl() ? row.right + space::xs : start.x - space::s;
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(mark_x, start.y + 3), ImVec2(mark_x + space::s - space::xs, start.y + ImGui::GetFrameHeight() - 3),
            ImGui::GetColorU32(role().accent), 2.0f);
        text_in_box(f.label, label_box, role().accent_text, "label:" + f.id);
    } else {
        text_in_box(f.label, label_box, role().text, "label:" + f.id);
    }
    ImGui::PopTextWrapPos();
    same_line_at(row, label_w, widget_w);
    ImGui::SetNextItemWidth(widget_w);

    const bool requested = s.focus_request == f.id;
    const bool text_like = f.kind == widget::single_line || f.kind == widget::multi_line || f.kind == widget::date ||
                           f.kind == widget::number;
    std::string text = field_text(s, f.id);
    if (requested) {
        // Deactivate whatever is active first: an active 1.86 InputText writes
        // its own copy of the text back every frame, which would undo a revert.
        ImGui::ClearActiveID();
        // Complex text is edited in the browser's field (overlay_text_field), not ImGui's.
        if (text_like && f.editable && !edits_in_browser(f, text)) ImGui::SetKeyboardFocusHere();
        out.add(intent::kind::focus_done, f.id);
    }
    // A field with a problem: its outline in the danger colour, thicker.
    if (!error.empty()) ImGui::PushStyleColor(ImGuiCol_Border, role().danger);
    if (!error.empty()) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);

    // An editable field's text the atlas cannot draw: ImGui's glyphs are
    // hidden and the browser's shown instead (or its field over this one),
    // unless ImGui's own field is editing it (the frame a complex character
    // is typed into it, or a date or number field). Read-only values: below.
    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const bool overlaid = platform::field_overlay_field() == f.id;
    const bool browser_draws = text_like && f.editable &&
                               (overlaid || (drawn_by_browser(text) && ImGui::GetActiveID() != ImGui::GetID("##v")));
    if (browser_draws) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
    bool edited = false;
    text_sync sync{&s, f.id};
    const ImGuiInputTextFlags sync_flag = ImGuiInputTextFlags_CallbackAlways;
    if (!f.editable) {
        // Read-only is not disabled: a calm filled box, no outline, its value
        // in the full text colour (the note under it says who manages it).
        // It takes no input; the text stays as legible as an editable one's.
        ImGui::BeginDisabled();
        ImGui::PushStyleColor(ImGuiCol_FrameBg, role().read_only_field);
        ImGui::PushStyleColor(ImGuiCol_Border, role().read_only_field);
        // A complex value is drawn by the browser over the field (views/text.hpp).
        const bool hide = drawn_by_browser(text);
        if (hide) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
        ImGui::InputText("##v", &text, ImGuiInputTextFlags_ReadOnly);
        if (hide) ImGui::PopStyleColor();
        ImGui::PopStyleColor(2);
        value_in_last_frame(text, "value:" + f.id);
        ImGui::EndDisabled();
        record_item(hook);
    } else if (f.kind == widget::multi_line) {
        edited = ImGui::InputTextMultiline("##v", &text, ImVec2(widget_w, ImGui::GetTextLineHeight() * 3.6f), sync_flag,
                                           sync_with_draft, &sync);
        record_item(hook);
    } else if (f.kind == widget::checkbox) {
        const auto it = s.draft.find(f.id);
        bool v = it != s.draft.end() && it->second.is_boolean() && it->second.get<bool>();
        if (changed) ImGui::PushStyleColor(ImGuiCol_Text, role().accent_text);
        row_start(row, label_w, ImGui::GetFrameHeight());  // the box at the column's start
        // A complex label is drawn beside the box, by the browser; so is any
        // label right to left, with the box at its right (ImGui puts it left).
        const bool own_label = drawn_by_browser(f.label) || page_rtl();
        bool toggled = checkbox(f.label, "v", &v);
        record_item(hook);
        if (own_label) {
            same_line_after(text_width(f.label), ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::AlignTextToFramePadding();
            views::text(f.label, "label:" + f.id);
            // The label toggles the box, as ImGui's own label does.
            if (ImGui::IsItemClicked()) {
                v = !v;
                toggled = true;
            }
        }
        if (changed) ImGui::PopStyleColor();
        if (toggled) out.intents.push_back({intent::kind::edit_value, f.id, {}, v, {}});
        if ((ImGui::IsItemActivated() || (own_label && toggled)) && s.focused != f.id) {
            out.add(intent::kind::focus, f.id);
        }
    } else if (f.kind == widget::combo) {
        const auto* def = s.profile->def_of(f);
        const auto it = s.draft.find(f.id);
        const std::string current = it != s.draft.end() && it->second.is_string() ? it->second.get<std::string>() : "";
        const auto* opt = def != nullptr ? def->find_option(current) : nullptr;
        const std::string preview = opt ? option_label(*opt) : current.empty() ? tr("form.not_set") : current;
        // Right to left, the arrow is at the left and the value at the right.
        const bool mirrored = page_rtl();
        const bool own_preview = drawn_by_browser(preview) || mirrored;
        const bool open = ImGui::BeginCombo("##v", own_preview ? "" : preview.c_str(),
                                            mirrored ? ImGuiComboFlags_NoArrowButton : ImGuiComboFlags_None);
        if (mirrored) {
            mirror_last_combo(preview, "value:" + f.id);
        } else {
            value_in_last_frame(preview, "value:" + f.id);
        }
        record_item(hook);
        if (ImGui::IsItemActivated() && s.focused != f.id) out.add(intent::kind::focus, f.id);
        if (open) {
            if (def != nullptr && !def->required) {
                if (text_selectable(tr("form.not_set"), "not-set", current.empty())) {
                    out.intents.push_back({intent::kind::edit_value, f.id, {}, nullptr, {}});
                }
                record_item("option:" + f.id + ":");
            }
            if (def != nullptr) {
                for (const auto& o : def->options) {
                    if (text_selectable(option_label(o), o.value.c_str(), o.value == current)) {
                        out.intents.push_back({intent::kind::edit_value, f.id, {}, o.value, {}});
                    }
                    record_item("option:" + f.id + ":" + o.value);
                }
            }
            ImGui::EndCombo();
        }
    } else {
        ImGuiInputTextFlags flags = sync_flag;
        if (f.kind == widget::number) flags |= ImGuiInputTextFlags_CharsScientific;
        const std::string hint = f.kind == widget::date && f.placeholder.empty() ? tr("form.date_placeholder")
                                                                                 : f.placeholder;
        edited = ImGui::InputTextWithHint("##v", hint.c_str(), &text, flags, sync_with_draft, &sync);
        record_item(hook);
        if (text.empty()) record_in_last_frame(hint, "placeholder:" + f.id);
    }
    if (browser_draws) {
        ImGui::PopStyleColor();
        if (overlaid) {
            // The browser's field over it shows the text.
        } else if (f.kind == widget::multi_line) {
            wrapped_value_in_last_frame(text);
        } else {
            value_in_last_frame(text, "value:" + f.id);
        }
    }
    if (f.editable && (f.kind == widget::single_line || f.kind == widget::multi_line)) {
        overlay_text_field(s, f, text, requested, edited, text_colour, out);
    }
    if (text_like && f.editable && ImGui::IsItemActive()) platform::record_text_selection(f.id);
    // Active but not focused: clicked. Not while the focus moves to a field
    // drawn later (Tab from City to Language), which deactivates this one then.
    const bool focus_moving = !s.focus_request.empty() && s.focus_request != f.id;
    if (text_like && f.editable && ImGui::IsItemActive() && s.focused != f.id && !focus_moving) {
        out.add(intent::kind::focus, f.id);
    }
    if (edited) out.intents.push_back({intent::kind::edit_text, f.id, text, {}, {}});
    if (sync.caret_applied) out.add(intent::kind::caret_done, f.id);
    if (!error.empty()) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    // The focused field, whatever its kind: a ring in the accent around it.
    if (s.focused == f.id) focus_ring_on_last_item();
    if (requested && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);

    // Under the widget, in the help size: the problem, else the reason it
    // is read-only (with a lock), else help.
    const auto note = [&](const ImVec4& colour, const std::string& message, const std::string& note_id) {
        ImGui::Dummy(ImVec2(0, 0));
        same_line_at(row, label_w, widget_w);
        const type_scope help(type_role::help);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widget_w);
        text_colored(colour, message, note_id);
        ImGui::PopTextWrapPos();
        record_item(note_id);
    };
    if (!error.empty()) {
        note(role().danger, error, "error:" + f.id);
    } else if (!f.editable) {
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::SameLine(label_w);
        read_only_note(f.reason, "reason:" + f.id);
        record_item("reason:" + f.id);
        support_link("support:reason:" + f.id, label_w);
    } else if (!f.help.empty()) {
        note(role().muted, f.help, "help:" + f.id);
    }
    ImGui::Spacing();
    ImGui::PopID();
}

void draw_section(const app_state& s, const form_section& sec, float label_w, frame_out& out) {
    if (!sec.label.empty()) {
        {
            const type_scope heading(type_role::section);
            line_or_wrapped(role().accent_text, sec.label,
                            "section:" + (sec.ids.empty() ? sec.label : sec.ids.front()));
        }
        // A rule under the heading, only as wide as this column (Separator spans all columns).
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + w, p.y),
                                            ImGui::GetColorU32(ImGuiCol_Separator));
        ImGui::Dummy(ImVec2(0, space::xs));
    }
    for (const auto& id : sec.ids) {
        if (const auto* f = s.profile->field(id)) draw_field(s, *f, label_w, out);
    }
    ImGui::Spacing();
}

// A dialog fits its content, but never the screen's height: then it scrolls
// (by wheel, or by a finger's drag: apply_touch_scroll).
void dialog_frame(float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(width, vp->WorkSize.x - 32), 0), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, std::max(120.0f, vp->WorkSize.y - 32)));
}

void apply_touch_scroll(float touch_scroll) {
    if (touch_scroll != 0) ImGui::SetScrollY(ImGui::GetScrollY() - touch_scroll);
}

void draw_review(const app_state& s, float touch_scroll, frame_out& out) {
    // The title shows; "###review" keeps one popup id in every language.
    const std::string title = tr("review.title") + "###review";
    const char* id = title.c_str();
    if (s.review_open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    dialog_frame(560);
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) return;
    if (!s.review_open) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    apply_touch_scroll(touch_scroll);
    const float indent = ImGui::GetStyle().IndentSpacing;
    for (const auto& line : review(s)) {
        line_or_wrapped(role().accent_text, line.label, "review:label:" + line.id);
        // Indented from the reading start: the left, or the right.
        const row_span row = row_here();
        const float lines_w = row.width() - indent;
        row_start(row, indent, lines_w);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + lines_w);
        text_colored(role().muted, line.before, "review:before:" + line.id);
        text(tr("review.after", {{"value", line.after}}), "review:after:" + line.id);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        record_item("review:" + line.id);
        ImGui::Spacing();
    }
    ImGui::Separator();
    record_title("review:title", tr("review.title"));
    const row_span bar = row_here();
    const std::string& save_label = tr("review.save");
    row_start(bar, 0, button_width(save_label));
    // Each as wide as placed: ImGui would size a complex label by the atlas's glyphs.
    if (primary_button(save_label, "button:review-save", can_save(s), ImVec2(button_width(save_label), 0))) {
        out.add(intent::kind::save);
    }
    const std::string& close_label = tr("review.keep_editing");
    same_line_if_fits(close_label);
    if (button(close_label, "button:review-close", true, ImVec2(button_width(close_label), 0))) {
        out.add(intent::kind::close_review);
    }
    ImGui::EndPopup();
}

void draw_conflict(const app_state& s, float touch_scroll, frame_out& out) {
    const std::string title = tr("conflict.title") + "###conflict";
    const char* id = title.c_str();
    const bool want = s.current == phase::conflict;
    if (want && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    dialog_frame(600);
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) return;
    if (!want) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    apply_touch_scroll(touch_scroll);
    record_title("conflict:title", tr("conflict.title"));
    text_wrapped(tr("conflict.explain"), "conflict:explain");
    ImGui::Spacing();
    for (const auto& c : s.conflicts) {
        ImGui::PushID(c.id.c_str());
        line_or_wrapped(role().accent_text, c.label, "conflict:label:" + c.id);
        // One radio group per field: which value to keep.
        const auto choice_button = [&](const char* key, const std::string& value, conflict_item::choice which,
                                       const char* suffix) {
            const std::string text = tr(key, {{"value", value}});
            const bool pressed = radio(text, suffix, c.chosen == which);
            record_last_item_label(text, "conflict:" + c.id + ":" + suffix);
            record_item("conflict:" + c.id + ":" + suffix);
            if (pressed) out.intents.push_back({intent::kind::choose, c.id, {}, {}, which});
        };
        choice_button("conflict.mine", conflict_text(c.mine), conflict_item::choice::mine, "mine");
        choice_button("conflict.theirs", conflict_text(c.theirs), conflict_item::choice::theirs, "theirs");
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::Separator();
    const std::string& resolve_label = tr("conflict.save");
    start_of_line(button_width(resolve_label));
    if (primary_button(resolve_label, "button:resolve", conflicts_decided(s), ImVec2(button_width(resolve_label), 0))) {
        out.add(intent::kind::resolve);
    }
    ImGui::EndPopup();
}

void draw_editor(const app_state& s, unsigned texture, float touch_scroll, frame_out& out) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##editor", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float width = std::min(1040.0f, vp->WorkSize.x - 32);
    const float left = (vp->WorkSize.x - width) * 0.5f;
    const float window_x = ImGui::GetWindowPos().x;
    const row_span page{window_x + left, window_x + left + width};

    draw_header(s, texture, left, width, out.intents);

    // Banners.
    const auto banner = [&](const ImVec4& colour, const std::string& text, const char* hook) {
        ImGui::SetCursorPosX(left);
        ImGui::PushTextWrapPos(left + width);
        text_colored(colour, text, hook);
        ImGui::PopTextWrapPos();
        record_item(hook);
    };
    if (s.draft_restored) banner(role().warning, tr("banner.restored"), "text:restored");
    if (!s.account_error.empty()) banner(role().danger, s.account_error, "text:account-error");
    if (s.current == phase::error) {
        banner(role().danger, tr("banner.not_saved", {{"reason", s.error_message}}), "text:error");
        ImGui::SetCursorPosX(left);
        support_link("support:error");
        ImGui::SetCursorPosX(left);
        row_start(page, 0, button_width(retry_label(s)));
        if (retry_button(s)) out.add(intent::kind::retry);
    }

    // The form, in two columns when there is room.
    // The bar at the bottom: the status line, then the buttons beside it, or
    // under it when both do not fit (a phone held upright).
    const auto status = status_line(s);
    const std::string review_label = tr("bar.review");
    const std::string save_label = tr(s.current == phase::saving ? "bar.saving" : "bar.save");
    const std::string discard_label = tr("bar.discard");
    // Each button as wide as its label needs (a translation may be longer), 100 at least.
    const auto bar_button_w = [](const std::string& label) {
        return std::max(100.0f, text_width(label) + ImGui::GetStyle().FramePadding.x * 2);
    };
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float buttons_w = bar_button_w(review_label) + bar_button_w(save_label) + bar_button_w(discard_label) +
                            spacing * 2 + 8;
    const bool bar_stacked = text_width(status.text) + 16 > width - buttons_w;
    // Buttons wider together than the page (long labels on a phone): one under another.
    const bool buttons_stacked = buttons_w > width;
    const float bar_h = ImGui::GetFrameHeightWithSpacing() * (buttons_stacked ? 4
                                                              : bar_stacked   ? 2
                                                                              : 1) +
                        ImGui::GetStyle().WindowPadding.y * 2 + 4;
    ImGui::SetCursorPosX(left);
    ImGui::BeginChild("##form", ImVec2(width, ImGui::GetContentRegionAvail().y - bar_h), false);
    // ImGui 1.86 has no touch scrolling: a finger's drag moves the form here,
    // or the dialog in front of it.
    const bool dialog = s.review_open || s.current == phase::conflict;
    if (!dialog) apply_touch_scroll(touch_scroll);
    const bool two_columns = width >= 760;
    const float label_w = 130;
    const auto& sections = s.profile->sections;
    // At the reading start (left, or right when right to left): the profile
    // card and the first group; then the schema's other groups and the account.
    // Who is signed in (picture, name, email) is the header's: the card
    // adds only what the header does not say.
    const auto first_column = [&] {
        if (s.profile->social) {
            const std::string identity = tr("form.signed_in_with", {{"provider", s.profile->identity_label}});
            start_of_line(text_width(identity));
            text_colored(role().muted, identity, "card:identity");
            record_item("card");
            ImGui::Dummy(ImVec2(0, space::s));
        }
        if (!sections.empty()) draw_section(s, sections[0], label_w, out);
    };
    const auto second_column = [&] {
        for (std::size_t i = 1; i < sections.size(); ++i) draw_section(s, sections[i], label_w, out);
        draw_account_security(s, label_w, out.intents);
    };
    if (!two_columns) {
        first_column();
        second_column();
    } else {
        // ImGui's columns go left to right: right to left, the second is drawn first.
        const bool rtl = page_rtl();
        ImGui::Columns(2, "##cols", false);
        ImGui::SetColumnWidth(0, width * (rtl ? 0.54f : 0.46f));
        rtl ? second_column() : first_column();
        ImGui::NextColumn();
        rtl ? first_column() : second_column();
        ImGui::Columns(1);
    }
    draw_devices(s, width, out.intents);
    ImGui::EndChild();

    // The bar: pending changes, Review, Save, Discard, on the surface colour
    // across the window.
    {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImGuiWindow* w = ImGui::GetCurrentWindow();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(w->Pos.x, at.y), w->Pos + w->Size,
                                                  ImGui::GetColorU32(role().surface));
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
    ImGui::SetCursorPosX(left);
    const auto changes = changed_fields(s);
    const ImVec4 tones[] = {role().muted, role().warning, role().accent_text, role().success};
    ImGui::AlignTextToFramePadding();
    row_start(page, 0, text_width(status.text));
    text_colored(tones[static_cast<int>(status.shade)], status.text, "text:changes");
    record_item("text:changes");
    const bool editable = s.current == phase::editing;
    // The next button, `w` wide, after the last in reading order, or at the
    // start of a line of its own.
    const auto next_button = [&](float w) {
        if (buttons_stacked) {
            row_start(page, 0, w);
        } else {
            same_line_after(w);
        }
    };
    const float review_w = std::min(width, bar_button_w(review_label));
    if (buttons_stacked) {
        row_start(page, 0, review_w);
    } else if (bar_stacked) {
        row_start(page, width - buttons_w, review_w);
    } else {
        same_line_at(page, width - buttons_w, review_w);
    }
    if (button(review_label, "button:review", editable && !changes.empty(), ImVec2(review_w, 0))) {
        out.add(intent::kind::open_review);
    }
    const float save_w = std::min(width, bar_button_w(save_label));
    next_button(save_w);
    if (primary_button(save_label, "button:save", can_save(s), ImVec2(save_w, 0))) out.add(intent::kind::save);
    const float discard_w = std::min(width, bar_button_w(discard_label));
    next_button(discard_w);
    if (button(discard_label, "button:discard", editable && !changes.empty(), ImVec2(discard_w, 0))) {
        out.add(intent::kind::discard);
    }

    draw_review(s, dialog ? touch_scroll : 0, out);
    draw_conflict(s, dialog ? touch_scroll : 0, out);
    ImGui::End();
}

}  // namespace

std::vector<intent> draw_app(const app_state& s, unsigned avatar_texture, float touch_scroll) {
    frame_out out;
    platform::begin_field_overlay_frame();
    // What ImGui aligns itself, from the reading start: windows' titles, a
    // combo's options.
    const bool rtl = page_rtl();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowTitleAlign, ImVec2(rtl ? 1.0f : 0.0f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(rtl ? 1.0f : 0.0f, 0.0f));
    if (s.devices.farewell) {
        draw_farewell(s, out.intents);
    } else if (s.profile && s.user) {
        draw_editor(s, avatar_texture, touch_scroll, out);
    } else if (s.current == phase::error) {
        draw_fatal_error(s, out);
    } else {
        draw_welcome(s, out);
    }
    ImGui::PopStyleVar(2);
    platform::end_field_overlay_frame();  // its field was not drawn (signed out, say): it closes
    return std::move(out.intents);
}

}  // namespace profiledesk::app::views
