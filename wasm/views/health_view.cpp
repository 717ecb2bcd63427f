#include "views/health_view.hpp"

#include <imgui.h>

namespace profiledesk::app::views {

void draw_health(const app_state& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_Always);
    ImGui::Begin("Profile Desk", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove);
    ImGui::TextWrapped("Edit your own profile, safely.");
    ImGui::Separator();
    switch (s.health.state) {
        case health_check::phase::pending:
            ImGui::TextUnformatted("Contacting the server...");
            break;
        case health_check::phase::ok:
            ImGui::TextColored(ImVec4(0.3f, 0.85f, 0.4f, 1.0f), "Server: %s",
                               s.health.body.value("status", "").c_str());
            ImGui::Text("Service %s, version %s", s.health.body.value("service", "?").c_str(),
                        s.health.body.value("version", "?").c_str());
            break;
        case health_check::phase::failed:
            ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.3f, 1.0f), "Server unavailable");
            ImGui::TextWrapped("%s", s.health.error.c_str());
            break;
    }
    ImGui::End();
}

}  // namespace profiledesk::app::views
