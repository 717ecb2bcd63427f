#include "state/app_state.hpp"

namespace profiledesk::app {

void on_health_response(app_state& s, int http_status, const std::string& body) {
    auto& h = s.health;
    h.http_status = http_status;
    h.body = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (http_status != 200) {
        h.state = health_check::phase::failed;
        h.error = "The server answered " + std::to_string(http_status) + ".";
    } else if (h.body.is_discarded() || h.body.value("status", "") != "ok") {
        h.state = health_check::phase::failed;
        h.error = "The server's answer is not a health report.";
        if (h.body.is_discarded()) h.body = nullptr;
    } else {
        h.state = health_check::phase::ok;
        h.error.clear();
    }
}

void on_health_network_error(app_state& s, const std::string& reason) {
    s.health.state = health_check::phase::failed;
    s.health.http_status = 0;
    s.health.body = nullptr;
    s.health.error = "Cannot reach the server: " + reason;
}

nlohmann::json state_to_json(const app_state& s) {
    static const char* const phases[] = {"pending", "ok", "failed"};
    return {
        {"ready", s.ready},
        {"frames", s.frames},
        {"health",
         {{"state", phases[static_cast<int>(s.health.state)]},
          {"status", s.health.http_status},
          {"body", s.health.body},
          {"error", s.health.error}}},
    };
}

}  // namespace profiledesk::app
