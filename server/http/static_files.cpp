#include "static_files.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "responses.hpp"
#include "router.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace profiledesk::http {
namespace {

namespace fs = std::filesystem;

// The app's own files, at the top of the static root (or their hashed forms).
constexpr std::array<std::string_view, 5> app_files = {"index.html", "loader.js", "form_mirror.js", "app.js",
                                                       "app.wasm"};

bool read_file(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = std::move(ss).str();
    return true;
}

// "app.1a2b3c4d.wasm" -> "app.wasm"; any other name unchanged.
std::string without_hash(std::string_view name) {
    const auto last = name.rfind('.');
    if (last == std::string_view::npos || last == 0) return std::string(name);
    const auto prev = name.rfind('.', last - 1);
    if (prev == std::string_view::npos || !is_content_hashed(name)) return std::string(name);
    return std::string(name.substr(0, prev)) + std::string(name.substr(last));
}

// FNV-1a 64: a stable fingerprint for ETags (not a security boundary).
std::string etag_of(std::string_view body, std::string_view suffix) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : body) {
        h ^= c;
        h *= 1099511628211ull;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "\"";
    for (int i = 60; i >= 0; i -= 4) out += digits[(h >> i) & 15];
    if (!suffix.empty()) out += "-" + std::string(suffix);
    return out + "\"";
}

std::optional<static_files::variant> read_variant(const fs::path& p, std::string_view suffix) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(p, ec))) return std::nullopt;
    static_files::variant v;
    if (!read_file(p, v.body)) return std::nullopt;
    v.etag = etag_of(v.body, suffix);
    return v;
}

// Reads a file and its precompressed siblings.
std::optional<static_files::file> load_file(const fs::path& p, std::string content_type, bool immutable) {
    auto identity = read_variant(p, "");
    if (!identity) return std::nullopt;
    static_files::file f;
    f.content_type = std::move(content_type);
    f.immutable = immutable;
    f.identity = std::move(*identity);
    f.br = read_variant(fs::path(p.string() + ".br"), "br");
    f.gzip = read_variant(fs::path(p.string() + ".gz"), "gz");
    return f;
}

bool list_has(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        auto item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == token || item == "*") return true;
    }
    return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_content_hashed(std::string_view name) {
    const auto last = name.rfind('.');
    if (last == std::string_view::npos || last == 0) return false;
    const auto prev = name.rfind('.', last - 1);
    if (prev == std::string_view::npos) return false;
    const auto hash = name.substr(prev + 1, last - prev - 1);
    return hash.size() >= 8 && std::all_of(hash.begin(), hash.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

std::string choose_encoding(std::string_view accept, bool have_br, bool have_gzip) {
    // Codings with q=0 are refused; others are taken in our order of preference.
    std::vector<std::pair<std::string, bool>> offered;  // coding, refused
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        auto item = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        const auto semi = item.find(';');
        auto coding = item.substr(0, semi);
        while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
        while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
        bool refused = false;
        if (semi != std::string_view::npos) {
            auto params = item.substr(semi + 1);
            const auto q = params.find("q=");
            if (q != std::string_view::npos) {
                refused = std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) <= 0.0;
            }
        }
        std::string lowered(coding);
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        offered.emplace_back(lowered, refused);
    }
    const auto accepts = [&offered](std::string_view coding) {
        bool yes = false;
        for (const auto& [name, refused] : offered) {
            if (name == coding) return !refused;
            if (name == "*" && !refused) yes = true;
        }
        return yes;
    };
    if (have_br && accepts("br")) return "br";
    if (have_gzip && accepts("gzip")) return "gzip";
    return "";
}

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
    std::error_code ec;
    std::set<std::string> found;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        const auto name = entry.path().filename().string();
        const auto plain = without_hash(name);
        if (std::find(app_files.begin(), app_files.end(), plain) == app_files.end()) continue;
        if (auto f = load_file(entry.path(), content_type_for(name), plain != name)) {
            s.files_.emplace("/" + name, std::move(*f));
            found.insert(plain);
        }
    }
    for (const auto name : app_files) {
        if (found.count(std::string(name)) == 0) s.missing_.emplace_back(name);
    }
    ec.clear();
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
        auto type = content_type_for(name);
        if (type.empty()) continue;  // also skips the .br/.gz siblings themselves
        if (auto f = load_file(it->path(), std::move(type), is_content_hashed(name))) {
            s.files_.emplace("/web/" + it->path().lexically_relative(web).generic_string(), std::move(*f));
        }
    }
    return s;
}

void static_files::put(const std::string& path, std::string body, std::string content_type) {
    file f;
    f.content_type = std::move(content_type);
    f.identity.etag = etag_of(body, "");
    f.identity.body = std::move(body);
    files_[path] = std::move(f);
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
        respond(error_response(beast_http::status::not_found, core::api_error::not_found, "There is nothing here.",
                               req.version()));
        return;
    }
    if (method != beast_http::verb::get && method != beast_http::verb::head) {
        auto res = error_response(beast_http::status::method_not_allowed, core::api_error::method_not_allowed,
                                  "Static files are read-only.", req.version());
        res.set(beast_http::field::allow, "GET, HEAD");
        respond(std::move(res));
        return;
    }
    const auto encoding = choose_encoding(std::string_view(req[beast_http::field::accept_encoding].data(),
                                                           req[beast_http::field::accept_encoding].size()),
                                          f->br.has_value(), f->gzip.has_value());
    const variant& v = encoding == "br" ? *f->br : encoding == "gzip" ? *f->gzip : f->identity;

    response res{beast_http::status::ok, req.version()};
    res.set(beast_http::field::content_type, f->content_type);
    // Hashed names never change content: cache for a year. Others: revalidate.
    res.set(beast_http::field::cache_control, f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.set(beast_http::field::etag, v.etag);
    if (f->br || f->gzip) res.set(beast_http::field::vary, "Accept-Encoding");
    if (!encoding.empty()) res.set(beast_http::field::content_encoding, encoding);
    const auto inm = req[beast_http::field::if_none_match];
    if (!inm.empty() && list_has(std::string_view(inm.data(), inm.size()), v.etag)) {
        res.result(beast_http::status::not_modified);
        res.erase(beast_http::field::content_type);
        return respond(std::move(res));
    }
    if (method == beast_http::verb::head) {
        res.content_length(v.body.size());
    } else {
        res.body() = v.body;
        res.prepare_payload();
    }
    respond(std::move(res));
}

}  // namespace profiledesk::http
