#define IMGUI_DEFINE_MATH_OPERATORS
#include "views/text.hpp"

#include "platform/browser_text.hpp"
#include "platform/test_hook.hpp"
#include "profiledesk/core/complex_text.hpp"
#include "views/layout.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the window's text wrap position, ItemSize/ItemAdd

#include <algorithm>
#include <string>
#include <vector>

namespace profiledesk::app::views {
namespace {

using platform::browser_text;
using platform::draw_laid_out_text;

// Only for the test hook: cheap enough, and nothing is recorded without an id.
// `box`: what the text must fit in (its window's visible region unless given).
void record(const std::string& hook_id, ImVec2 min, ImVec2 size, bool browser, bool rtl, std::string_view s,
            const ImRect* box = nullptr) {
    if (hook_id.empty()) return;
    const ImRect b = box != nullptr ? *box : ImGui::GetCurrentWindow()->ClipRect;
    platform::record_text(hook_id, {min.x, min.y, size.x, size.y}, browser, rtl, s,
                          {b.Min.x, b.Min.y, b.GetWidth(), b.GetHeight()});
}

// The part of a label ImGui shows: up to "##".
std::string_view shown_part(std::string_view label) {
    const auto hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

// The width text at the cursor wraps at, as ImGui::TextEx computes it; 0: no wrapping.
float wrap_width_here() {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float wrap_pos_x = window->DC.TextWrapPos;
    if (wrap_pos_x < 0.0f) return 0.0f;
    return std::max(1.0f, ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos_x));
}

// The browser's layout of `s` as one item at the cursor, as TextEx places
// atlas text (same baseline offset, same item size rules). A wrapped
// right-to-left paragraph, or any wrapped one on a right-to-left page,
// stands at the right of its wrap width.
void browser_item(std::string_view s, const ImVec4* color, const std::string& hook_id) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const float wrap = wrap_width_here();
    const auto& t = browser_text(s, wrap);
    const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const bool at_end = t.rtl || page_rtl();
    const ImVec2 box(wrap > 0 && at_end ? std::max(wrap, t.size.x) : t.size.x, t.size.y);
    const ImRect bb(pos, pos + box);
    ImGui::ItemSize(box, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    const ImVec2 at(at_end ? bb.Max.x - t.size.x : pos.x, pos.y);
    const ImU32 col = ImGui::GetColorU32(color != nullptr ? *color : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    draw_laid_out_text(window->DrawList, at, col, t);
    record(hook_id, at, t.size, true, t.rtl, s);
}

void atlas_item(std::string_view s, const ImVec4* color, const std::string& hook_id) {
    if (color != nullptr) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    if (color != nullptr) ImGui::PopStyleColor();
    if (!hook_id.empty()) {
        const ImVec2 min = ImGui::GetItemRectMin();
        record(hook_id, min, ImGui::GetItemRectSize(), false, false, s);
    }
}

// Wrapped atlas text on a right-to-left page: ImGui draws every line from
// the left, so each line is drawn here flush with the right of the wrap
// width, broken where ImGui breaks it (ImFont::RenderText: at newlines, then
// CalcWordWrapPositionA, skipping the blanks a break leaves).
void atlas_wrapped_at_end(std::string_view s, const ImVec4* color, float wrap, const std::string& hook_id) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float scale = size / font->FontSize;
    std::vector<std::string_view> lines;
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
        const char* eol = std::find(p, end, '\n');
        if (p == eol) lines.emplace_back();  // an empty line
        while (p < eol) {
            const char* cut = font->CalcWordWrapPositionA(scale, p, eol, wrap);
            if (cut == p) ++cut;  // nothing fits: one byte, as RenderText does
            lines.emplace_back(p, static_cast<std::size_t>(cut - p));
            p = cut;
            while (p < eol && (*p == ' ' || *p == '\t')) ++p;
        }
        p = eol < end ? eol + 1 : end;
    }
    if (lines.empty()) lines.emplace_back();
    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const ImVec2 box(wrap, line_h * static_cast<float>(lines.size()));
    const ImRect bb(pos, pos + box);
    ImGui::ItemSize(box, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    const ImU32 col = ImGui::GetColorU32(color != nullptr ? *color : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    float min_x = bb.Max.x;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto line = lines[i];
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, line.data(), line.data() + line.size()).x;
        const ImVec2 at(bb.Max.x - w, pos.y + line_h * static_cast<float>(i));
        window->DrawList->AddText(font, size, at, col, line.data(), line.data() + line.size());
        min_x = std::min(min_x, at.x);
    }
    record(hook_id, ImVec2(min_x, pos.y), ImVec2(bb.Max.x - min_x, box.y), false, false, s);
}

void any_item(std::string_view s, const ImVec4* color, const std::string& hook_id) {
    if (drawn_by_browser(s)) {
        browser_item(s, color, hook_id);
    } else if (const float wrap = wrap_width_here(); wrap > 0 && page_rtl()) {
        atlas_wrapped_at_end(s, color, wrap, hook_id);
    } else {
        atlas_item(s, color, hook_id);
    }
}

}  // namespace

bool drawn_by_browser(std::string_view s) { return core::is_complex_text(s); }

void text(std::string_view s, const std::string& hook_id) { any_item(s, nullptr, hook_id); }

void text_colored(const ImVec4& color, std::string_view s, const std::string& hook_id) { any_item(s, &color, hook_id); }

void text_in_box(std::string_view s, float box_width, const ImVec4& color, const std::string& hook_id) {
    const bool browser = drawn_by_browser(s);
    if (page_rtl() || (browser && browser_text(s).rtl)) {
        const float w = text_width(s);
        if (w < box_width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + box_width - w);
    }
    any_item(s, &color, hook_id);
}

void text_wrapped(std::string_view s, const std::string& hook_id) {
    ImGui::PushTextWrapPos(0.0f);
    any_item(s, nullptr, hook_id);
    ImGui::PopTextWrapPos();
}

void text_wrapped_colored(const ImVec4& color, std::string_view s, const std::string& hook_id) {
    ImGui::PushTextWrapPos(0.0f);
    any_item(s, &color, hook_id);
    ImGui::PopTextWrapPos();
}

float text_width(std::string_view s) {
    if (drawn_by_browser(s)) return browser_text(s).size.x;
    return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
}

bool text_button(std::string_view label, const char* id, ImVec2 size) {
    if (!drawn_by_browser(label)) {
        return ImGui::Button((std::string(label) + "##" + id).c_str(), size);
    }
    const auto& t = browser_text(label);
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const ImVec2 want = ImGui::CalcItemSize(size, t.size.x + pad.x * 2, t.size.y + pad.y * 2);
    const bool pressed = ImGui::Button((std::string("##") + id).c_str(), want);
    // Centred, as ImGui centres a label (ButtonTextAlign 0.5); the label's
    // own direction orders its runs.
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 at(std::max(r.Min.x + pad.x, r.Min.x + (r.GetWidth() - t.size.x) * 0.5f),
                    r.Min.y + (r.GetHeight() - t.size.y) * 0.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(r.Min, r.Max, true);
    draw_laid_out_text(dl, at, ImGui::GetColorU32(ImGuiCol_Text), t);
    dl->PopClipRect();
    return pressed;
}

bool text_selectable(std::string_view label, const char* id, bool selected) {
    if (!drawn_by_browser(label)) return ImGui::Selectable((std::string(label) + "##" + id).c_str(), selected);
    const auto& t = browser_text(label);
    const bool pressed = ImGui::Selectable((std::string("##") + id).c_str(), selected, 0, ImVec2(0, t.size.y));
    // Where ImGui puts a label: the item's start; a right-to-left one, or
    // any on a right-to-left page, at its end.
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 at(t.rtl || page_rtl() ? std::max(r.Min.x, r.Max.x - t.size.x) : r.Min.x, r.Min.y);
    draw_laid_out_text(ImGui::GetWindowDrawList(), at, ImGui::GetColorU32(ImGuiCol_Text), t);
    return pressed;
}

void value_in_last_frame(std::string_view s, const std::string& hook_id) {
    const ImRect frame(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const ImRect inner(frame.Min + pad, frame.Max - ImVec2(pad.x, 0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!drawn_by_browser(s)) {
        record(hook_id, inner.Min, ImGui::CalcTextSize(s.data(), s.data() + s.size()), false, false, s, &frame);
        return;
    }
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    const auto& t = browser_text(s);
    // A right-to-left value starts at the right of its box, as in a field
    // with dir="auto"; one too long for the box shows its start, clipped.
    const float x = t.rtl ? std::max(inner.Min.x, inner.Max.x - t.size.x) : inner.Min.x;
    const ImVec2 at = t.rtl && t.size.x > inner.GetWidth() ? ImVec2(inner.Max.x - t.size.x, inner.Min.y)
                                                           : ImVec2(x, inner.Min.y);
    dl->PushClipRect(ImVec2(frame.Min.x + 1, frame.Min.y), ImVec2(frame.Max.x - 1, frame.Max.y), true);
    draw_laid_out_text(dl, at, color, t);
    dl->PopClipRect();
    record(hook_id, at, t.size, true, t.rtl, s, &frame);
}

void record_last_item_label(std::string_view label, const std::string& hook_id) {
    if (hook_id.empty()) return;
    const std::string_view shown = shown_part(label);
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const ImVec2 size(text_width(shown), ImGui::GetTextLineHeight());
    // As ImGui::ButtonEx places it (ButtonTextAlign 0.5, never left of the padding).
    const ImVec2 at(std::max(r.Min.x + pad.x, r.Min.x + (r.GetWidth() - size.x) * 0.5f),
                    r.Min.y + (r.GetHeight() - size.y) * 0.5f);
    record(hook_id, at, size, drawn_by_browser(shown), false, shown, &r);
}

void record_last_item_label_left(std::string_view label, const std::string& hook_id) {
    if (hook_id.empty()) return;
    const std::string_view shown = shown_part(label);
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    record(hook_id, r.Min, ImVec2(text_width(shown), ImGui::GetTextLineHeight()), drawn_by_browser(shown), false, shown,
           &r);
}

float button_width(std::string_view label, float at_least) {
    return std::max(at_least, text_width(shown_part(label)) + ImGui::GetStyle().FramePadding.x * 2);
}

void record_in_last_frame(std::string_view s, const std::string& hook_id) {
    if (hook_id.empty() || s.empty()) return;
    const ImRect frame(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    record(hook_id, frame.Min + pad, ImVec2(text_width(s), ImGui::GetTextLineHeight()), drawn_by_browser(s), false, s,
           &frame);
}

void record_title(const std::string& hook_id, std::string_view title) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImRect bar = window->TitleBarRect();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const std::string_view shown = shown_part(title);
    const ImVec2 size(text_width(shown), ImGui::GetTextLineHeight());
    // At the bar's start, or its end on a right-to-left page (draw_app's WindowTitleAlign).
    const ImVec2 at(page_rtl() ? bar.Max.x - pad.x - size.x : bar.Min.x + pad.x, bar.Min.y + pad.y);
    record(hook_id, at, size, false, false, shown, &bar);
}

void same_line_if_fits(std::string_view label) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float need = text_width(shown_part(label)) + ImGui::GetStyle().FramePadding.x * 2;
    if (page_rtl()) {
        // Mirrored: left of the last item when it fits, else under it at the
        // line's start (its right).
        const float left = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x;
        if (ImGui::GetItemRectMin().x - spacing - need >= left) {
            same_line_after(need, spacing);
        } else {
            start_of_line(need);
        }
        return;
    }
    const float line_end = ImGui::GetItemRectMax().x + spacing + need;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (line_end <= right) ImGui::SameLine();
}

void text_at_end(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 color, std::string_view s,
                 const std::string& hook_id) {
    const bool browser = drawn_by_browser(s);
    const ImVec2 size = browser ? browser_text(s).size : ImGui::CalcTextSize(s.data(), s.data() + s.size());
    const ImVec2 at(max.x - size.x, min.y);
    list->PushClipRect(min, max, true);
    if (browser) {
        draw_laid_out_text(list, at, color, browser_text(s));
    } else {
        list->AddText(at, color, s.data(), s.data() + s.size());
    }
    list->PopClipRect();
    record(hook_id, at, size, browser, browser && browser_text(s).rtl, s);
}

void centred_text(ImDrawList* list, ImVec2 centre, float font_size, ImU32 color, std::string_view s,
                  const std::string& hook_id) {
    if (!drawn_by_browser(s)) {
        ImFont* font = ImGui::GetFont();
        const ImVec2 ts = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, s.data(), s.data() + s.size());
        const ImVec2 at(centre.x - ts.x * 0.5f, centre.y - ts.y * 0.5f);
        list->AddText(font, font_size, at, color, s.data(), s.data() + s.size());
        record(hook_id, at, ts, false, false, s);
        return;
    }
    const auto& t = platform::browser_text_sized(s, font_size);
    const ImVec2 at(centre.x - t.size.x * 0.5f, centre.y - t.size.y * 0.5f);
    draw_laid_out_text(list, at, color, t);
    record(hook_id, at, t.size, true, t.rtl, s);
}

}  // namespace profiledesk::app::views
