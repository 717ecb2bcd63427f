// The views' colours, once: the editor, "Sign-in and security" and "Your
// devices and your account" draw with the same ones.
#pragma once

#include <imgui.h>

namespace profiledesk::app::views {

inline const ImVec4 muted(0.62f, 0.65f, 0.72f, 1.0f);
inline const ImVec4 accent(0.42f, 0.65f, 1.0f, 1.0f);
inline const ImVec4 danger(1.0f, 0.45f, 0.4f, 1.0f);
inline const ImVec4 success(0.4f, 0.85f, 0.5f, 1.0f);
inline const ImVec4 warning(1.0f, 0.8f, 0.35f, 1.0f);

}  // namespace profiledesk::app::views
