#include "static_files.hpp"

#include "responses.hpp"
#include "router.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace profiledesk::http {
namespace {

namespace fs = std::filesystem;

// The app's own files, at the top of the static root.
constexpr std::array<std::string_view, 4> app_files = {"index.html", "loader.js", "app.js", "app.wasm"};

bool read_file(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = std::move(ss).str();
    return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string content_type_for(std::string_view name) {
    // Boost 1.74's example MIME table has no .wasm; browsers refuse streaming
    // compilation of Wasm served as anything but application/wasm.
    static const std::array<std::pair<std::string_view, std::string_view>, 12> types = {{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".woff2", "font/woff2"},
    }};
    for (const auto& [ext, type] : types) {
        if (ends_with(name, ext)) return std::string(type);
    }
    return {};
}

static_files static_files::load(const fs::path& root) {
    static_files s;
    for (const auto name : app_files) {
        file f{{}, content_type_for(name)};
        const auto p = root / name;
        if (fs::is_regular_file(fs::symlink_status(p)) && read_file(p, f.body)) {
            s.files_.emplace("/" + std::string(name), std::move(f));
        } else {
            s.missing_.emplace_back(name);
        }
    }
    std::error_code ec;
    const auto web = root / "web";
    if (!fs::is_directory(web, ec)) return s;
    // Symlinks are neither followed nor served: the whitelist is what is inside.
    for (auto it = fs::recursive_directory_iterator(web, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name.front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file() || it->is_symlink()) continue;
        file f{{}, content_type_for(name)};
        if (f.content_type.empty() || !read_file(it->path(), f.body)) continue;
        s.files_.emplace("/web/" + it->path().lexically_relative(web).generic_string(), std::move(f));
    }
    return s;
}

const static_files::file* static_files::find(std::string_view target) const {
    auto path = target_path(target);
    if (path == "/") path = "/index.html";
    const auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

void static_files::serve(const request& req, const responder& respond) const {
    const auto method = req.method();
    const auto* f = find(std::string_view(req.target().data(), req.target().size()));
    if (f == nullptr) {
        respond(error_response(beast_http::status::not_found, "not_found", "There is nothing here.", req.version()));
        return;
    }
    if (method != beast_http::verb::get && method != beast_http::verb::head) {
        auto res = error_response(beast_http::status::method_not_allowed, "method_not_allowed",
                                  "Static files are read-only.", req.version());
        res.set(beast_http::field::allow, "GET, HEAD");
        respond(std::move(res));
        return;
    }
    response res{beast_http::status::ok, req.version()};
    res.set(beast_http::field::content_type, f->content_type);
    // Until file names carry a content hash, make browsers revalidate.
    res.set(beast_http::field::cache_control, "no-cache");
    if (method == beast_http::verb::head) {
        res.content_length(f->body.size());
    } else {
        res.body() = f->body;
        res.prepare_payload();
    }
    respond(std::move(res));
}

}  // namespace profiledesk::http
