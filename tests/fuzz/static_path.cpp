// Fuzzes the request-target to file mapping of the static site (http/
// static_files: find and serve) over a small site built once in a temp
// folder, beside a file outside it, a hidden file and a symlink leading out.
// The input is a request target, optionally followed by a line break and an
// Accept-Encoding value, then another and an If-None-Match value.
//
// Invariants beyond "no crash": nothing outside the whitelist is ever served
// (not the outside file, the hidden one or the symlink's target, whatever the
// target's "..", "%2e" or "//"); a served file is one the site has; every
// answer is 200, 304, 404 or 405.
#include "http/static_files.hpp"

#include <boost/beast/http.hpp>

#include <unistd.h>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;
namespace fs = std::filesystem;
namespace beast_http = boost::beast::http;

constexpr std::string_view secret = "SECRET: never served";

void write(const fs::path& p, std::string_view body) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << body;
}

// base/site (the static root) and base/secret.txt beside it.
http::static_files make_site() {
    char dir[] = "/tmp/pd-fuzz-static-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    const fs::path base(dir);
    const auto site = base / "site";
    write(site / "index.html", "<!doctype html><title>Profile Desk</title>");
    write(site / "loader.js", "console.log('loader');");
    write(site / "app.0123456789abcdef.js", "console.log('app');");
    write(site / "app.0123456789abcdef.js.br", "brotli bytes");
    write(site / "app.0123456789abcdef.js.gz", "gzip bytes");
    write(site / "app.fedcba9876543210.wasm", std::string("\0asm\1\0\0\0", 8));
    write(site / "web" / "styles.css", "body { margin: 0 }");
    write(site / "web" / "fonts" / "LICENSE.txt", "licence text");
    write(site / "web" / ".hidden.css", secret);
    write(site / "web" / ".git" / "config.txt", secret);
    write(base / "secret.txt", secret);
    write(site / "notes.txt", secret);  // a known type, but not one of the app's files
    fs::create_symlink(base / "secret.txt", site / "web" / "link.txt");
    auto files = http::static_files::load(site);
    fs::remove_all(base);  // everything served is in memory now
    return files;
}

[[noreturn]] void broken(const char* invariant) {
    std::cerr << "invariant broken: " << invariant << "\n";
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const http::static_files site = make_site();
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const auto next_line = [&rest] {
        const auto eol = rest.find('\n');
        const auto line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
        return line;
    };
    const auto target = next_line();
    const auto accept_encoding = next_line();
    const auto if_none_match = next_line();

    if (const auto* f = site.find(target); f && f->identity.body == secret) broken("a file outside the whitelist");

    const auto beast_view = [](std::string_view s) { return boost::beast::string_view(s.data(), s.size()); };
    http::request req{beast_http::verb::get, beast_view(target), 11};
    if (!accept_encoding.empty()) req.set(beast_http::field::accept_encoding, beast_view(accept_encoding));
    if (!if_none_match.empty()) req.set(beast_http::field::if_none_match, beast_view(if_none_match));
    for (const auto method : {beast_http::verb::get, beast_http::verb::head, beast_http::verb::post}) {
        req.method(method);
        site.serve(req, [](http::response res) {
            const auto s = res.result_int();
            if (s != 200 && s != 304 && s != 404 && s != 405) broken("an unexpected status");
            if (res.body() == secret) broken("a file outside the whitelist was served");
        });
    }
    return 0;
}
