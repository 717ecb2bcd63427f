// The app's whole state, owned by the app and rendered by the views each frame.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace profiledesk::app {

// The server's answer to GET /healthz.
struct health_check {
    enum class phase { pending, ok, failed };
    phase state = phase::pending;
    int http_status = 0;          // 0 until an HTTP answer arrives
    nlohmann::json body;          // the parsed JSON answer
    std::string error;            // for a person: why it failed
};

struct app_state {
    bool ready = false;           // the first frame has been drawn
    unsigned long frames = 0;     // frames drawn so far
    health_check health;
};

// Controller: what an answer to GET /healthz does to the state.
void on_health_response(app_state& s, int http_status, const std::string& body);
void on_health_network_error(app_state& s, const std::string& reason);

// The state as JSON, for the test hook window.profileDesk.state().
nlohmann::json state_to_json(const app_state& s);

}  // namespace profiledesk::app
