// Profile Desk's browser app: GLFW + WebGL2 through Emscripten, Dear ImGui.
// Each frame: keyboard queue -> ImGui frame -> the views' intents go to the
// controller -> its effects run here (requests, navigation, the tab's storage).
#include "app/controller.hpp"
#include "app/controller_account.hpp"
#include "app/devices.hpp"
#include "app/form_mirror.hpp"
#include "app/i18n.hpp"
#include "app/reauth.hpp"
#include "net/fetch_client.hpp"
#include "platform/bridge.hpp"
#include "platform/browser_text.hpp"
#include "platform/canvas.hpp"
#include "platform/devices_bridge.hpp"
#include "platform/field_overlay.hpp"
#include "platform/fonts.hpp"
#include "platform/form_mirror_bridge.hpp"
#include "platform/input.hpp"
#include "platform/location.hpp"
#include "platform/navigator_languages.hpp"
#include "platform/test_hook.hpp"
#include "profiledesk/core/languages.hpp"
#include "views/editor_view.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // the caret's blink clock, WantTextInputNextFrame

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace {

using namespace profiledesk::app;

app_state state;
GLFWwindow* window = nullptr;
bool guard_on = false;

// ---- Rendering on demand ----
// emscripten_set_main_loop calls frame() at every animation frame; a frame is
// drawn only when something may have changed (input, a request or a download
// finishing, the canvas size or pixel ratio, the caret's blink, a Retry
// countdown's next second), followed by a
// few more so ImGui settles hover and focus. Otherwise frame() returns at
// once and the canvas keeps what it shows.
constexpr int settle_frames = 3;
int frames_owed = settle_frames;
double blink_due_ms = 0;        // when the active text field's caret next shows or hides (0: none)
double countdown_due_ms = 0;    // when the Retry countdown next changes (0: none)
double glyph_retry_due_ms = 0;  // when glyphs a busy server turned away are asked again (0: none)
platform::canvas_metrics last_canvas;
bool gl_fonts_made = false;  // the OpenGL backend made its font texture (first NewFrame)

// Every event (input, an answer, a download) wakes the loop; each brings the
// state's clock up to date first, so what it does counts from now.
void wake() {
    frames_owed = std::max(frames_owed, settle_frames);
    state.now_s = emscripten_get_now() / 1000.0;
}

bool should_draw(const platform::canvas_metrics& c) {
    if (platform::take_input_activity() || platform::input_pending()) wake();
    if (c.framebuffer_width != last_canvas.framebuffer_width ||
        c.framebuffer_height != last_canvas.framebuffer_height || c.pixel_ratio != last_canvas.pixel_ratio ||
        c.css_width != last_canvas.css_width || c.css_height != last_canvas.css_height) {
        last_canvas = c;
        wake();
    }
    if (!state.focus_request.empty()) wake();
    if (platform::browser_text_stale()) wake();  // a font arrived in the page: complex text is laid out again
    for (double* due : {&blink_due_ms, &countdown_due_ms, &glyph_retry_due_ms}) {
        if (*due > 0 && emscripten_get_now() >= *due) {
            *due = 0;
            frames_owed = std::max(frames_owed, 1);
        }
    }
    if (frames_owed <= 0) return false;
    --frames_owed;
    return true;
}

// ImGui 1.86 shows the caret while CursorAnim (seconds, reset to -0.3 on
// each edit) is <= 0 or its phase in a 1.2 s period is <= 0.8 s: one frame
// at each change is enough.
void schedule_caret_blink() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    blink_due_ms = 0;
    if (g.ActiveId == 0 || g.InputTextState.ID != g.ActiveId || !g.IO.ConfigInputTextCursorBlink) return;
    const float anim = g.InputTextState.CursorAnim;
    const float phase = anim <= 0 ? anim : std::fmod(anim, 1.2f);
    const float wait_s = phase <= 0.8f ? 0.8f - phase : 1.2f - phase;
    blink_due_ms = emscripten_get_now() + wait_s * 1000.0 + 5.0;
}

// While Retry counts down, one frame at each change of its label.
void schedule_countdown() {
    const int wait = retry_wait_s(state);
    countdown_due_ms = wait > 0 ? (state.retry_at_s - (wait - 1)) * 1000.0 + 5.0 : 0;
}

void run(effects list);

void run_one(const effect& e) {
    switch (e.what) {
        case effect::kind::get_session:
            net::get(e.url, [](net::api_result r) {
                wake();
                run(on_session(state, r));
            });
            break;
        case effect::kind::get_profile:
            net::get(e.url, [](net::api_result r) {
                wake();
                run(on_profile(state, r,
                               r.kind == net::outcome::ok ? platform::load_draft(draft_storage_key) : std::string()));
                // Back from a re-authentication (/?resume=...): the interrupted step reopens.
                if (r.kind == net::outcome::ok && state.profile) {
                    run(resume_after_profile(state, platform::location_search(),
                                             platform::load_draft(reauth_step_storage_key)));
                }
            });
            break;
        case effect::kind::patch_profile:
            net::patch_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_save_result(state, r));
            });
            break;
        case effect::kind::end_all_sessions:
            net::post_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_end_all_sessions(state, r));
            });
            break;
        case effect::kind::end_session:
            net::post_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_session_ended(state, r));
            });
            break;
        case effect::kind::store_step: platform::store_draft(reauth_step_storage_key, e.body); break;
        case effect::kind::clear_step: platform::clear_draft(reauth_step_storage_key); break;
        case effect::kind::replace_url: platform::replace_url(e.url); break;
        case effect::kind::start_email_change:
            net::post_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_email_change_result(state, r));
            });
            break;
        case effect::kind::cancel_email_change:
            net::delete_json(e.url, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_email_cancel_result(state, r));
            });
            break;
        case effect::kind::change_password:
            net::post_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_password_change_result(state, r));
            });
            break;
        case effect::kind::refresh_session:
            net::get(e.url, [](net::api_result r) {
                wake();
                on_session_refreshed(state, r);
            });
            break;
        case effect::kind::get_sessions:
            net::get(e.url, [](net::api_result r) {
                wake();
                run(on_sessions(state, r, platform::unix_now(), platform::utc_offset_minutes()));
            });
            break;
        case effect::kind::end_sessions:
            net::delete_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_sessions_ended(state, r));
            });
            break;
        case effect::kind::delete_account:
            net::delete_json(e.url, e.body, state.csrf_token, [](net::api_result r) {
                wake();
                run(on_account_deleted(state, r));
            });
            break;
        case effect::kind::download_export:
            platform::download_file(e.url, [](net::api_result r) {
                wake();
                run(on_export(state, r));
            });
            break;
        case effect::kind::navigate:
            guard_on = false;
            platform::navigate(e.url);
            break;
        case effect::kind::store_draft: platform::store_draft(draft_storage_key, e.body); break;
        case effect::kind::clear_draft: platform::clear_draft(draft_storage_key); break;
        case effect::kind::load_avatar:
            platform::load_avatar(e.url, [](bool ok, int w, int h) {
                wake();
                on_avatar(state, ok, w, h);
            });
            break;
        case effect::kind::get_glyphs:
            net::get(e.url, [url = e.url](net::api_result r) {
                wake();  // the next frame merges them into the atlas (update_fonts)
                for (const auto& f : on_glyphs(state, url, r)) platform::add_glyph_font(f.ttf, f.codepoints);
                // A busy server: a frame when its Retry-After ends asks again.
                if (state.glyphs.retry_at_s > state.now_s) glyph_retry_due_ms = state.glyphs.retry_at_s * 1000.0 + 5.0;
            });
            break;
    }
}

void run(effects list) {
    for (const auto& e : list) run_one(e);
}

void apply(const views::intent& i) {
    using k = views::intent::kind;
    switch (i.what) {
        case k::sign_in: run(sign_in(state)); break;
        case k::sign_out: run(sign_out(state)); break;
        case k::sign_out_everywhere: run(sign_out_everywhere(state)); break;
        case k::edit_text: edit_text(state, i.id, i.text); break;
        case k::edit_value: edit_value(state, i.id, i.value); break;
        case k::focus: set_focus(state, i.id); break;
        case k::focus_done:
            if (state.focus_request == i.id) state.focus_request.clear();
            break;
        case k::open_review: open_review(state, true); break;
        case k::close_review: open_review(state, false); break;
        case k::save: run(save(state)); break;
        case k::discard: run(discard(state)); break;
        case k::choose: choose(state, i.id, i.choice); break;
        case k::resolve: run(resolve_conflicts(state)); break;
        case k::retry: run(retry(state)); break;
        case k::caret_done:
            if (state.caret.id == i.id) state.caret = {};
            break;
        case k::account_action: run(account_action(state, i.id)); break;
        case k::account_edit: edit_account_text(state, i.id, i.text); break;
        case k::devices:
            if (i.id == delete_confirm_field) {
                edit_delete_confirmation(state, i.text);
            } else {
                run(devices_action(state, i.id));
            }
            break;
    }
}

// The form mirror's events (DOM events, between frames).
const platform::mirror_handlers mirror_handlers = {
    [](const std::string& id) {
        on_mirror_focus(state, id);
        wake();
    },
    [](const std::string& id, const std::string& value, std::size_t start, std::size_t end) {
        wake();
        return on_mirror_edit(state, id, value, start, end);
    },
    [](const std::string& id, std::size_t start, std::size_t end) {
        on_mirror_select(state, id, start, end);
        wake();
    },
    [](const std::string& action) {
        wake();
        run(on_mirror_action(state, action));
    },
    [](const std::string& name) {
        key_press k;
        k.k = name == "enter"    ? key::enter
              : name == "escape" ? key::escape
              : name == "save"   ? key::save_shortcut
                                 : key::other;
        wake();
        if (takes_key(state, k)) run(on_key(state, k));
    },
};

// The browser's text field over a complex-script field (platform/field_overlay.hpp):
// its text is the draft's, as ImGui's field's is; the app's keys act as in any field.
const platform::field_overlay_handlers overlay_handlers = {
    [](const std::string& id, const std::string& text) {
        wake();
        edit_text(state, id, text);
    },
    [](key_press k) {
        wake();
        if (!takes_key(state, k)) return false;
        run(on_key(state, k));
        platform::hold_input_for_focus_change();
        return true;
    },
};

void frame() {
    const auto canvas = platform::fit_canvas_to_page();
    glfwPollEvents();
    state.idle = !should_draw(canvas);
    if (state.idle) return;
    state.now_s = emscripten_get_now() / 1000.0;

    if (platform::update_fonts(canvas.pixel_ratio)) {
        state.font_pixel_size = platform::font_pixel_size();
        state.font = platform::font_name();
        state.glyphs.in_atlas = platform::merged_glyphs();
        if (gl_fonts_made) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    platform::update_browser_text(canvas.pixel_ratio);
    platform::pump_input([](key_press k) {
        if (!takes_key(state, k)) return false;
        run(on_key(state, k));
        return true;
    });
    ImGui_ImplOpenGL3_NewFrame();  // the first one makes the font texture
    gl_fonts_made = true;
    ImGui_ImplGlfw_NewFrame();
    platform::apply_canvas_metrics_to_imgui(canvas);
    platform::apply_mouse_buttons();
    // ImGui 1.86 asserts on a zero DeltaTime, which a frozen clock (headless
    // tests) produces; fixed upstream in 1.89.7.
    if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();

    // The mirror's caret counts only while the mirror holds the keyboard: a
    // stale one must not move the caret of a field clicked on the canvas later.
    if (!state.caret.id.empty() && !platform::form_mirror_has_focus()) state.caret = {};
    platform::begin_item_rects();
    const auto intents = views::draw_app(state, platform::avatar_texture(), platform::take_touch_scroll());
    if (!intents.empty()) wake();  // the state changed: draw it
    for (const auto& i : intents) apply(i);
    run(request_glyphs(state));  // characters just shown or typed that the atlas lacks

    ImGui::Render();
    glViewport(0, 0, canvas.framebuffer_width, canvas.framebuffer_height);
    glClearColor(0.11f, 0.12f, 0.15f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    platform::update_form_mirror(form_mirror(state));
    // While the mirror holds the keyboard, the canvas field follows it.
    // Otherwise a text field active in this frame gets the DOM text input
    // now: io.WantTextInput would say so only at the next NewFrame, and text
    // the browser inserts meanwhile (an IME commit, a character the layout
    // lacks) would go to the page, not to the field the state calls focused.
    if (!platform::form_mirror_has_focus() && !platform::field_overlay_has_focus()) {
        platform::focus_text_input(GImGui->WantTextInputNextFrame == 1);
    }
    const bool unsaved = has_unsaved_changes(state) && state.current != phase::loading;
    if (unsaved != guard_on) {
        guard_on = unsaved;
        platform::set_unsaved_guard(unsaved);
    }
    schedule_caret_blink();
    schedule_countdown();
    ++state.frames;
    state.ready = true;
}

}  // namespace

int main() {
    platform::install_field_overlay(overlay_handlers);  // before glfwInit: its key listeners go first
    if (!glfwInit()) {
        std::fprintf(stderr, "glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    window = glfwCreateWindow(1280, 720, "Profile Desk", nullptr, nullptr);
    if (window == nullptr) {
        std::fprintf(stderr, "glfwCreateWindow failed: no WebGL2\n");
        return 1;
    }
    glfwMakeContextCurrent(window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no file system, nothing to persist
    // The 1.86 GLFW backend sets GLFW_CURSOR every frame, which Emscripten's
    // GLFW turns into pointer-lock requests the browser refuses.
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.FrameRounding = 4;
    style.WindowRounding = 6;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    platform::install_input_queue(window);
    platform::install_text_input();
    platform::install_clipboard();
    platform::install_form_mirror(mirror_handlers);
    platform::set_mac_command_mapping(platform::platform_is_mac());
    // The system clipboard: pastes come from the browser's paste event (the
    // input queue holds Ctrl+V until then), copies go out through the bridge.
    io.GetClipboardTextFn = [](void*) -> const char* { return platform::pasted_text(); };
    io.SetClipboardTextFn = [](void*, const char* text) { platform::write_clipboard(text); };
    ImGui_ImplOpenGL3_Init("#version 300 es");

    platform::start_font_download("/web/fonts/DejaVuSans.ttf", [] { wake(); });

    // Earlier versions kept the draft in localStorage, which outlives the tab
    // (anyone at a shared computer could read it later): gone at start.
    platform::remove_old_local_draft(draft_storage_key);
    // The browser's language decides the page's direction (Arabic: right to
    // left, views/layout.hpp); its texts are English until a catalog is in.
    use_messages(
        profiledesk::core::messages(profiledesk::core::choose_language(std::nullopt, platform::navigator_languages()),
                                    profiledesk::core::message_catalog(), nullptr));
    expose_state_to_test_hook(&state);
    run(start(state));

    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
