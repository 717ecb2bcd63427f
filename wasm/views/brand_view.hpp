// The operator's brand at the cursor: the logo (BRAND_LOGO, when set and
// decoded) then the name (BRAND_NAME), on one line. In the header and at the
// top of the welcome panel (platform/site.hpp reads them from the page).
#pragma once

#include <string>

namespace profiledesk::app::views {

// The logo's height on screen, in CSS pixels; it is decoded at twice that
// (sharp on a 2x screen).
inline constexpr float logo_height = 28.0f;

// Hook ids: "<where>:logo" (its rectangle, only once drawn) and "<where>:brand-name".
void draw_brand(const std::string& where);

}  // namespace profiledesk::app::views
