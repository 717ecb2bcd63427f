// Small widgets the views share: buttons (secondary, primary, dangerous)
// recorded for the test hook, the Retry button with its countdown, radio
// buttons and checkboxes, the read-only note, the avatar, a centred panel.
// Each draws its hover, pressed, focused and disabled states from the
// theme (views/theme.hpp).
#pragma once

#include "app/app_state.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

namespace profiledesk::app::views {

// How a button stands out: secondary (neutral fill), primary (the accent
// fill with on_accent text: the one main action of a screen or dialog),
// dangerous (the danger colour as its fill: deleting, for good).
enum class emphasis { secondary, primary, dangerous };

// ImGui::Button, drawn as disabled when not `enabled`, recorded as `hook_id` (the
// item and its label's text);
// true when pressed while enabled.
bool button(const std::string& label, const std::string& hook_id, bool enabled = true, ImVec2 size = ImVec2(0, 0),
            emphasis look = emphasis::secondary);
bool primary_button(const std::string& label, const std::string& hook_id, bool enabled = true,
                    ImVec2 size = ImVec2(0, 0));

// Between these, controls look disabled (disabled_text on a quiet fill, no
// hover) and take no input: ImGui's BeginDisabled with the theme's colours.
void begin_disabled_look();
void end_disabled_look();

// Pushes the colours of a button of `look` (enabled); returns how many to pop.
int push_button_colours(emphasis look);

// A radio button: a ring (filled with the accent and a dot when `selected`)
// and `label` beside it, the ring at the reading start (the right, right to
// left); the whole row takes the click. `id`: its ImGui id.
// True when clicked.
bool radio(std::string_view label, const char* id, bool selected);

// A checkbox: a box (the accent fill and an on_accent tick when `checked`)
// and `label` beside it (none when empty; one the browser draws, or any on a
// right-to-left page, is the caller's to draw at the box's reading end).
// True when toggled (`*checked` flips).
bool checkbox(std::string_view label, const char* id, bool* checked);

// Under a read-only field: a small lock and why it is read-only (who manages
// it), in help size and muted colour, wrapped at the window's edge.
void read_only_note(const std::string& reason, const std::string& hook_id);

// "Retry", disabled with a countdown while the server asks us to wait.
bool retry_button(const app_state& s);

// A circle `size` across with the picture (`texture`), or with the initials
// on a colour from the name.
void avatar(const app_state& s, unsigned texture, float size);

// A window centred in the viewport, `width` wide at most (the welcome and
// error panels); the caller ends it with ImGui::End().
void centered_panel_begin(const char* id, float width);

}  // namespace profiledesk::app::views
