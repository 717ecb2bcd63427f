#include "http/static_files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

using namespace profiledesk::http;
namespace fs = std::filesystem;
using status = beast_http::status;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// A throwaway static root: the app's files, web/ assets, and things that
// must never be served (a secret beside the root, hidden files, a symlink).
struct site {
    fs::path base = fs::temp_directory_path() / ("pd-static-" + std::to_string(std::random_device{}()));
    fs::path root = base / "dist";
    site() {
        write(root / "index.html", "<!doctype html>");
        write(root / "loader.js", "// loader");
        write(root / "app.js", "// app");
        write(root / "app.wasm", std::string("\0asm", 4));
        write(root / "web/style.css", "body{}");
        write(root / "web/fonts/DejaVuSans.ttf", "ttf");
        write(root / "web/.hidden.css", "hidden");
        write(root / "web/notes.unknownext", "?");
        write(root / "server.key", "not served: not in the whitelist");
        write(base / "secret.txt", "outside the root");
        fs::create_symlink(base / "secret.txt", root / "web/link.txt");
    }
    ~site() { fs::remove_all(base); }
};

response get(const static_files& files, const std::string& target, beast_http::verb method = beast_http::verb::get) {
    std::optional<response> answer;
    files.serve(request{method, target, 11}, [&](response res) { answer = std::move(res); });
    REQUIRE(answer);
    return *answer;
}

}  // namespace

TEST_CASE("static files: the app's files are served with their types") {
    const site s;
    const auto files = static_files::load(s.root);
    CHECK(files.missing().empty());

    SECTION("/ is index.html") {
        const auto res = get(files, "/");
        CHECK(res.result() == status::ok);
        CHECK(std::string(res[beast_http::field::content_type]) == "text/html; charset=utf-8");
        CHECK(res.body() == "<!doctype html>");
    }
    SECTION("app.wasm is application/wasm") {
        const auto res = get(files, "/app.wasm");
        CHECK(std::string(res[beast_http::field::content_type]) == "application/wasm");
        CHECK(res.body().size() == 4);
    }
    SECTION("app.js is JavaScript") {
        CHECK(std::string(get(files, "/app.js")[beast_http::field::content_type]) == "text/javascript; charset=utf-8");
    }
    SECTION("files under web/, nested too") {
        CHECK(get(files, "/web/style.css").result() == status::ok);
        CHECK(std::string(get(files, "/web/fonts/DejaVuSans.ttf")[beast_http::field::content_type]) == "font/ttf");
    }
    SECTION("a query string is ignored") { CHECK(get(files, "/app.js?v=2").result() == status::ok); }
    SECTION("HEAD gives the length without the body") {
        const auto res = get(files, "/app.js", beast_http::verb::head);
        CHECK(res.result() == status::ok);
        CHECK(res.body().empty());
        CHECK(std::string(res[beast_http::field::content_length]) == "6");
    }
}

TEST_CASE("static files: nothing outside the whitelist is reachable") {
    const site s;
    const auto files = static_files::load(s.root);
    const auto not_found = [&](const std::string& target) {
        INFO(target);
        CHECK(get(files, target).result() == status::not_found);
    };
    SECTION("dot-dot segments") {
        not_found("/../secret.txt");
        not_found("/web/../app.js");
        not_found("/web/../../secret.txt");
    }
    SECTION("encoded dot-dot and slashes") {
        not_found("/%2e%2e/secret.txt");
        not_found("/web/%2e%2e/app.js");
        not_found("/web%2fstyle.css");
        not_found("/..%2fsecret.txt");
    }
    SECTION("files in the root that are not the app's") { not_found("/server.key"); }
    SECTION("hidden files and unknown types under web/") {
        not_found("/web/.hidden.css");
        not_found("/web/notes.unknownext");
    }
    SECTION("symlinks are not followed") { not_found("/web/link.txt"); }
    SECTION("unknown names") {
        not_found("/nothing.js");
        not_found("/web/");
        not_found("/web");
        not_found("//app.js");
        not_found("/APP.JS");
    }
    SECTION("absolute file system paths") { not_found("/etc/passwd"); }
}

TEST_CASE("static files: writes are refused") {
    const site s;
    const auto files = static_files::load(s.root);
    const auto res = get(files, "/app.js", beast_http::verb::post);
    CHECK(res.result() == status::method_not_allowed);
    CHECK(std::string(res[beast_http::field::allow]) == "GET, HEAD");
}

TEST_CASE("static files: missing app files are reported, not fatal") {
    const auto base = fs::temp_directory_path() / ("pd-static-empty-" + std::to_string(std::random_device{}()));
    fs::create_directories(base);
    const auto files = static_files::load(base);
    CHECK(files.missing().size() == 4);
    CHECK(get(files, "/").result() == status::not_found);
    fs::remove_all(base);
}
