// Profile Desk's browser app: GLFW + WebGL2 through Emscripten, Dear ImGui.
#include "net/fetch_client.hpp"
#include "platform/canvas.hpp"
#include "platform/test_hook.hpp"
#include "state/app_state.hpp"
#include "views/health_view.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

namespace {

using namespace profiledesk::app;

app_state state;
GLFWwindow* window = nullptr;

void frame() {
    const auto canvas = platform::fit_canvas_to_page();
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    platform::apply_canvas_metrics_to_imgui(canvas);
    // ImGui 1.86 asserts on a zero DeltaTime, which a frozen clock (headless
    // tests) produces; fixed upstream in 1.89.7.
    if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();

    views::draw_health(state);

    ImGui::Render();
    glViewport(0, 0, canvas.framebuffer_width, canvas.framebuffer_height);
    glClearColor(0.11f, 0.12f, 0.15f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++state.frames;
    state.ready = true;
}

}  // namespace

int main() {
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
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    expose_state_to_test_hook(&state);
    net::get("/healthz", [](net::fetch_result r) {
        if (r.status == 0) {
            on_health_network_error(state, r.network_error);
        } else {
            on_health_response(state, r.status, r.body);
        }
    });

    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
