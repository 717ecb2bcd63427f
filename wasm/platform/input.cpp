#include "platform/input.hpp"

#include "platform/field_overlay.hpp"
#include "profiledesk/core/utf8.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>  // the active text field's selection, for copy events

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <set>
#include <string>

// The browser side (wasm/js/scroll.js): wheel and touch events are taken
// before Emscripten's GLFW sees them, and come back as pd_wheel and
// pd_touch_scroll.
extern "C" void pd_js_install_wheel();
extern "C" void pd_js_install_touch_scroll();

namespace profiledesk::app::platform {
namespace {

struct input_event {
    bool is_char = false;
    bool is_mouse = false;  // key = the button
    unsigned codepoint = 0;
    int key = 0, scancode = 0, action = 0, mods = 0;
    // A paste shortcut (Ctrl+V, Shift+Insert) waits here for the text of the
    // browser's paste event (or navigator.clipboard.readText) before ImGui sees it.
    bool awaits_paste = false;
    bool plain_paste = false;  // Ctrl+Shift+V: all we paste is plain text anyway
    bool paste_ready = false;
    std::string paste_text;
    double queued_ms = 0;
};

constexpr double paste_wait_ms = 2000;  // then the shortcut goes on with nothing to paste

// Everything the input layer keeps between browser events and frames, in
// one instance reached through the_input_queue(), as Dear ImGui's backends
// keep theirs (ImGui_ImplGlfw_Data).
struct input_queue {
    GLFWwindow* window = nullptr;                  // install_input_queue's, for the backend's callbacks
    std::deque<input_event> events;                // in arrival order, until pump_input gives them to ImGui
    std::set<int> taken_keys;                      // pressed keys the app took: their release is not ImGui's either
    int hold_frames = 0;                           // frames to wait after the app took a key (it may move the focus)
    bool mouse_down[ImGuiMouseButton_COUNT] = {};  // as the queue has applied it
    bool activity = false;                         // any input since take_input_activity() last asked
    // The backend's callbacks ours replaced: still called, after ours.
    GLFWscrollfun backend_scroll = nullptr;
    GLFWcursorenterfun backend_cursor_enter = nullptr;
    GLFWwindowfocusfun backend_focus = nullptr;
    // macOS: Cmd is given to ImGui as Ctrl (its shortcuts then work as Cmd+C/X/V/A/Z).
    bool mac_command = false;
    // macOS browsers send no keyup for keys released while Cmd is held: those are
    // released when Cmd is, and their next keydown (GLFW's "repeat") is a press.
    std::set<int> held_under_command;
    std::set<int> released_with_command;
    float touch_scroll_px = 0;  // dragged since the last frame took it
    std::string pasted;         // what ImGui's GetClipboardTextFn answers: the last pasted text
    int abandoned_pastes = 0;   // shortcuts that gave up waiting: their late text is dropped
};

input_queue& the_input_queue() {
    static input_queue q;
    return q;
}

bool is_modifier(int key) {
    return key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_CONTROL ||
           key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
           key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

// Keys whose order against typed characters matters to ImGui's text fields
// (editing and movement keys, shortcuts). A letter's own key press does not:
// its character comes separately, so it need not hold the characters back.
bool orders_text(int key, int mods) {
    if ((mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER | GLFW_MOD_ALT)) != 0) return true;
    switch (key) {
        case GLFW_KEY_TAB:
        case GLFW_KEY_LEFT:
        case GLFW_KEY_RIGHT:
        case GLFW_KEY_UP:
        case GLFW_KEY_DOWN:
        case GLFW_KEY_PAGE_UP:
        case GLFW_KEY_PAGE_DOWN:
        case GLFW_KEY_HOME:
        case GLFW_KEY_END:
        case GLFW_KEY_INSERT:
        case GLFW_KEY_DELETE:
        case GLFW_KEY_BACKSPACE:
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER:
        case GLFW_KEY_ESCAPE: return true;
        default: return false;
    }
}

key_press app_key_of(int key, int mods) {
    key_press k;
    k.shift = (mods & GLFW_MOD_SHIFT) != 0;
    const bool command = (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0;
    switch (key) {
        case GLFW_KEY_TAB: k.k = key::tab; break;
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER: k.k = command ? key::other : key::enter; break;
        case GLFW_KEY_ESCAPE: k.k = key::escape; break;
        case GLFW_KEY_S: k.k = command ? key::save_shortcut : key::other; break;
        case GLFW_KEY_SPACE: k.k = command ? key::other : key::space; break;
        case GLFW_KEY_UP: k.k = key::up; break;
        case GLFW_KEY_DOWN: k.k = key::down; break;
        default: k.k = key::other; break;
    }
    return k;
}

int command_as_control(int key) {
    if (key == GLFW_KEY_LEFT_SUPER) return GLFW_KEY_LEFT_CONTROL;
    if (key == GLFW_KEY_RIGHT_SUPER) return GLFW_KEY_RIGHT_CONTROL;
    return key;
}

// Whether this key press is a paste shortcut, judged on the keys as pressed
// (before Cmd becomes Ctrl), exactly as the page's paste listener judges it
// (wasm/js/clipboard.js): Ctrl+V, or Cmd+V on macOS, with or without Shift; Shift+Insert.
bool is_paste_shortcut(int key, int mods) {
    input_queue& q = the_input_queue();
    const int command = q.mac_command ? GLFW_MOD_SUPER : GLFW_MOD_CONTROL;
    const int other = q.mac_command ? GLFW_MOD_CONTROL : GLFW_MOD_SUPER;
    if (key == GLFW_KEY_V) return (mods & command) != 0 && (mods & (other | GLFW_MOD_ALT)) == 0;
    return key == GLFW_KEY_INSERT &&
           (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER | GLFW_MOD_ALT | GLFW_MOD_SHIFT)) == GLFW_MOD_SHIFT;
}

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    input_queue& q = the_input_queue();
    q.activity = true;
    const bool paste = action == GLFW_PRESS && is_paste_shortcut(key, mods);
    const bool plain_paste = paste && key == GLFW_KEY_V && (mods & GLFW_MOD_SHIFT) != 0;
    if (q.mac_command) {
        const bool cmd_key = key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
        if (q.released_with_command.count(key) > 0) {
            q.released_with_command.erase(key);
            if (action == GLFW_RELEASE) return;  // released already, with Cmd
            action = GLFW_PRESS;
        }
        if ((mods & GLFW_MOD_SUPER) != 0) mods = (mods & ~GLFW_MOD_SUPER) | GLFW_MOD_CONTROL;
        if (!is_modifier(key) && action == GLFW_PRESS && (mods & GLFW_MOD_CONTROL) != 0) {
            q.held_under_command.insert(key);
        }
        if (!is_modifier(key) && action == GLFW_RELEASE) q.held_under_command.erase(key);
        key = command_as_control(key);
        if (cmd_key && action == GLFW_RELEASE) {
            for (int k : q.held_under_command) {
                input_event up;
                up.key = k;
                up.action = GLFW_RELEASE;
                up.mods = mods;
                q.events.push_back(up);
                q.released_with_command.insert(k);
            }
            q.held_under_command.clear();
        }
    }
    input_event e;
    e.key = key;
    e.scancode = scancode;
    e.action = action;
    e.mods = mods;
    if (paste) {
        e.awaits_paste = true;
        e.plain_paste = plain_paste;
        e.queued_ms = emscripten_get_now();
    }
    q.events.push_back(e);
}

void on_mouse_button(GLFWwindow*, int button, int action, int mods) {
    input_queue& q = the_input_queue();
    q.activity = true;
    input_event e;
    e.is_mouse = true;
    e.key = button;
    e.action = action;
    e.mods = mods;
    q.events.push_back(e);
}

void on_char(GLFWwindow*, unsigned int c) {
    input_queue& q = the_input_queue();
    q.activity = true;
    input_event e;
    e.is_char = true;
    e.codepoint = c;
    q.events.push_back(e);
}

// The rest only wakes the loop (the backend reads the cursor itself, and
// keeps its own scroll, enter and focus callbacks; wheel events on the canvas
// come through pd_wheel instead, see wasm/js/scroll.js).
void on_cursor_pos(GLFWwindow*, double, double) { the_input_queue().activity = true; }
void on_scroll(GLFWwindow* w, double x, double y) {
    input_queue& q = the_input_queue();
    q.activity = true;
    if (q.backend_scroll) q.backend_scroll(w, x, y);
}
void on_cursor_enter(GLFWwindow* w, int entered) {
    input_queue& q = the_input_queue();
    q.activity = true;
    if (q.backend_cursor_enter) q.backend_cursor_enter(w, entered);
}
void on_focus(GLFWwindow* w, int focused) {
    input_queue& q = the_input_queue();
    q.activity = true;
    if (q.backend_focus) q.backend_focus(w, focused);
}

}  // namespace

bool take_input_activity() {
    input_queue& q = the_input_queue();
    const bool was = q.activity;
    q.activity = false;
    return was;
}

bool input_pending() {
    input_queue& q = the_input_queue();
    return !q.events.empty() || q.hold_frames > 0;
}

void note_wheel(double x_steps, double y_steps) {
    input_queue& q = the_input_queue();
    if (ImGui::GetCurrentContext() == nullptr) return;
    q.activity = true;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += static_cast<float>(x_steps);
    io.MouseWheel += static_cast<float>(y_steps);
}

void queue_text(const std::string& utf8) {
    // The page's text comes through Emscripten's stringToUTF8, which writes
    // well-formed UTF-8, but pd_text_input takes any bytes: an ill-formed
    // sequence is typed as U+FFFD (core/utf8.hpp says how many), never as a
    // surrogate or as the character an overlong form spells.
    for (const char32_t cp : core::decode_utf8_replacing(utf8)) {
        if (cp == U'\r') continue;
        on_char(nullptr, static_cast<unsigned>(cp));
    }
}

void set_mac_command_mapping(bool on) { the_input_queue().mac_command = on; }

const char* pasted_text() { return the_input_queue().pasted.c_str(); }

void paste_arrived(const std::string& utf8) {
    input_queue& q = the_input_queue();
    q.activity = true;
    for (auto& e : q.events) {
        if (e.awaits_paste && !e.paste_ready) {
            e.paste_ready = true;
            // ImGui decodes the clipboard itself: it gets well-formed text, as typing does.
            e.paste_text = core::encode_utf8(core::decode_utf8_replacing(utf8));
            return;
        }
    }
    if (q.abandoned_pastes > 0) {
        --q.abandoned_pastes;
        return;
    }
    queue_text(utf8);  // pasted without the keyboard (a context menu, a mobile keyboard)
}

bool selection_for_clipboard(bool cut, std::string& out) {
    input_queue& q = the_input_queue();
    // Events still queued before the shortcut would change the selection:
    // then ImGui's own copy (SetClipboardTextFn) writes it a frame later.
    for (const auto& e : q.events) {
        if (e.is_char || e.is_mouse) return false;
        if (is_modifier(e.key)) continue;
        const bool shortcut = e.key == GLFW_KEY_C || e.key == GLFW_KEY_X || e.key == GLFW_KEY_INSERT ||
                              e.key == GLFW_KEY_DELETE;
        if (!shortcut) return false;
    }
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (g == nullptr || g->ActiveId == 0 || g->InputTextState.ID != g->ActiveId) return false;
    const ImGuiInputTextState& s = g->InputTextState;
    if ((s.Flags & ImGuiInputTextFlags_Password) != 0) return false;
    if (cut && (s.Flags & ImGuiInputTextFlags_ReadOnly) != 0) return false;
    if ((s.Flags & ImGuiInputTextFlags_Multiline) != 0 && !s.HasSelection()) return false;
    const int ib = s.HasSelection() ? std::min(s.Stb.select_start, s.Stb.select_end) : 0;
    const int ie = s.HasSelection() ? std::max(s.Stb.select_start, s.Stb.select_end) : s.CurLenW;
    if (ib < 0 || ie > s.CurLenW || ib > ie) return false;
    std::string text(static_cast<std::size_t>(ImTextCountUtf8BytesFromStr(s.TextW.Data + ib, s.TextW.Data + ie)) + 1,
                     '\0');
    ImTextStrToUtf8(&text[0], static_cast<int>(text.size()), s.TextW.Data + ib, s.TextW.Data + ie);
    text.resize(std::strlen(text.c_str()));
    out = text;
    return true;
}

void install_input_queue(GLFWwindow* window) {
    input_queue& q = the_input_queue();
    q.window = window;
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetCursorPosCallback(window, on_cursor_pos);
    q.backend_scroll = glfwSetScrollCallback(window, on_scroll);
    q.backend_cursor_enter = glfwSetCursorEnterCallback(window, on_cursor_enter);
    q.backend_focus = glfwSetWindowFocusCallback(window, on_focus);
    pd_js_install_wheel();
    pd_js_install_touch_scroll();
}

void apply_mouse_buttons() {
    input_queue& q = the_input_queue();
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < ImGuiMouseButton_COUNT; ++i) io.MouseDown[i] = q.mouse_down[i];
}

float take_touch_scroll() {
    input_queue& q = the_input_queue();
    // Whole pixels only (ImGui floors scroll positions): the fraction waits
    // for the next move, so a slow drag neither stalls nor drifts.
    const float whole = std::trunc(q.touch_scroll_px);
    q.touch_scroll_px -= whole;
    return whole;
}

void touch_scroll(float px) {
    input_queue& q = the_input_queue();
    q.activity = true;
    q.touch_scroll_px += px;
}

void hold_input_for_focus_change() { the_input_queue().hold_frames = 2; }

void pump_input(const std::function<bool(key_press)>& app_key) {
    input_queue& q = the_input_queue();
    if (q.hold_frames > 0) {
        --q.hold_frames;
        return;
    }
    std::set<int> touched;
    std::set<int> touched_buttons;
    bool text_ordered = false;  // a key that matters to the order of typed text went to ImGui
    bool had_chars = false;
    // Characters still queued when the browser's field took over from ImGui's
    // (a complex one typed into an ordinary field) are typed there instead.
    const bool overlay_typing = field_overlay_has_focus();
    while (!q.events.empty()) {
        const input_event e = q.events.front();
        if (e.is_char && overlay_typing) {
            type_into_field_overlay(core::encode_utf8(std::u32string(1, static_cast<char32_t>(e.codepoint))));
            q.events.pop_front();
            continue;
        }
        if (e.is_mouse) {
            // A click after typing waits a frame: ImGui drops the characters
            // of a field that a click deactivates within the same frame.
            if (e.key < 0 || e.key >= ImGuiMouseButton_COUNT) {
                q.events.pop_front();
                continue;
            }
            if (had_chars || text_ordered || touched_buttons.count(e.key) > 0) break;
            q.mouse_down[e.key] = e.action == GLFW_PRESS;
            touched_buttons.insert(e.key);
            q.events.pop_front();
            continue;
        }
        if (e.is_char) {
            if (!touched_buttons.empty()) break;  // typed after a click: into the clicked field, next frame
            if (text_ordered) break;
            ImGui_ImplGlfw_CharCallback(q.window, e.codepoint);
            had_chars = true;
            q.events.pop_front();
            continue;
        }
        if (touched.count(e.key) > 0) break;  // its next change waits for the next frame
        if (e.awaits_paste && !e.paste_ready) {
            if (emscripten_get_now() - e.queued_ms < paste_wait_ms) break;  // the clipboard's text is on its way
            ++q.abandoned_pastes;
            q.events.front().paste_ready = true;
        }
        if (e.awaits_paste) q.pasted = q.events.front().paste_text;
        const bool press = e.action == GLFW_PRESS || e.action == GLFW_REPEAT;
        // ImGui ignores characters in a frame where Ctrl, Alt or Cmd is down.
        const bool command_modifier = is_modifier(e.key) && e.key != GLFW_KEY_LEFT_SHIFT &&
                                      e.key != GLFW_KEY_RIGHT_SHIFT;
        if (press && command_modifier && had_chars) break;
        if (press && !is_modifier(e.key)) {
            // ImGui applies characters before keys within a frame.
            if (had_chars && orders_text(e.key, e.mods)) break;
            const key_press k = app_key_of(e.key, e.mods);
            if (k.k != key::other && app_key(k)) {
                q.taken_keys.insert(e.key);
                q.events.pop_front();
                hold_input_for_focus_change();  // a focus request takes effect one frame later
                return;
            }
        }
        if (e.action == GLFW_RELEASE && q.taken_keys.erase(e.key) > 0) {
            q.events.pop_front();
            continue;
        }
        if (e.action != GLFW_REPEAT) ImGui_ImplGlfw_KeyCallback(q.window, e.key, e.scancode, e.action, e.mods);
        // ImGui 1.86 pastes on Ctrl+V only: for this frame Shift is not down
        // (the next key event sets it from the keys held again, so that waits
        // for the next frame).
        if (e.plain_paste && press) {
            ImGui::GetIO().KeyShift = false;
            q.events.pop_front();
            return;
        }
        touched.insert(e.key);
        if (press && (orders_text(e.key, e.mods) || command_modifier)) text_ordered = true;
        q.events.pop_front();
    }
}

}  // namespace profiledesk::app::platform

// UTF-8 text from the hidden text field (wasm/js/text_input.js): queued as characters,
// in order with the key events around it.
extern "C" EMSCRIPTEN_KEEPALIVE void pd_text_input(const char* utf8) {
    using profiledesk::app::platform::queue_text;
    queue_text(utf8 != nullptr ? utf8 : "");
}

// The text of a paste (the browser's paste event, or navigator.clipboard.readText
// after a paste shortcut that brought no event; "" when nothing could be read).
extern "C" EMSCRIPTEN_KEEPALIVE void pd_paste_text(const char* utf8) {
    profiledesk::app::platform::paste_arrived(utf8 != nullptr ? utf8 : "");
}

// For a copy or cut event: the active text field's selection (its whole text
// when nothing is selected, as ImGui copies), malloc'd UTF-8; null when ImGui
// will not copy it, or when queued input could still change it.
extern "C" EMSCRIPTEN_KEEPALIVE char* pd_clipboard_selection(int cut) {
    std::string text;
    if (!profiledesk::app::platform::selection_for_clipboard(cut != 0, text)) return nullptr;
    char* p = static_cast<char*>(std::malloc(text.size() + 1));
    if (p != nullptr) std::memcpy(p, text.c_str(), text.size() + 1);
    return p;
}

extern "C" EMSCRIPTEN_KEEPALIVE void pd_wheel(double x_steps, double y_steps) {
    profiledesk::app::platform::note_wheel(x_steps, y_steps);
}

// A finger scrolling the form (wasm/js/scroll.js).
extern "C" EMSCRIPTEN_KEEPALIVE void pd_touch_scroll(double px) {
    profiledesk::app::platform::touch_scroll(static_cast<float>(px));
}
