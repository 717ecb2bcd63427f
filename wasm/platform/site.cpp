#include "platform/site.hpp"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <cstdlib>

extern "C" {
// site.js
char* pd_js_site_member(const char* name);  // malloc'd, "" when missing
void pd_js_load_logo(const char* url, int max_height);
void pd_js_open_in_new_tab(const char* url);
}

namespace profiledesk::app::platform {
namespace {

std::string member(const char* name) {
    char* p = pd_js_site_member(name);
    std::string value = p != nullptr ? p : "";
    std::free(p);
    return value;
}

bool is_http_url(const std::string& url) { return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0; }

site_info read_site() {
    site_info s;
    s.brand_name = member("brandName");
    if (s.brand_name.empty()) s.brand_name = "Profile Desk";  // a page served without our server's island
    s.logo_url = member("logo");
    s.accent = core::parse_hex_color(member("accent"));
    // The server accepts only http(s) (settings_table.cpp); checked again so
    // that nothing else (javascript:) could ever be opened.
    s.support_url = member("supportUrl");
    if (!is_http_url(s.support_url)) s.support_url.clear();
    return s;
}

struct logo_upload {
    logo_image image;
    void (*ready)() = nullptr;
};

logo_upload& the_logo() {
    static logo_upload l;
    return l;
}

}  // namespace

const site_info& site() {
    static const site_info s = read_site();
    return s;
}

void load_logo(int max_height, void (*on_ready)()) {
    if (site().logo_url.empty()) return;
    the_logo().ready = on_ready;
    pd_js_load_logo(site().logo_url.c_str(), max_height);
}

const logo_image& logo() { return the_logo().image; }

void open_in_new_tab(const std::string& url) { pd_js_open_in_new_tab(url.c_str()); }

}  // namespace profiledesk::app::platform

extern "C" EMSCRIPTEN_KEEPALIVE void pd_logo_pixels(const unsigned char* rgba, int w, int h) {
    auto& l = profiledesk::app::platform::the_logo();
    if (l.image.texture == 0) glGenTextures(1, &l.image.texture);
    glBindTexture(GL_TEXTURE_2D, l.image.texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    l.image.width = w;
    l.image.height = h;
    if (l.ready) l.ready();
}
