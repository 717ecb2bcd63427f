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
        write(root / "form_mirror.js", "// form mirror");
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
    CHECK(files.missing().size() == 5);
    CHECK(get(files, "/").result() == status::not_found);
    fs::remove_all(base);
}

TEST_CASE("static files: precompressed variants follow Accept-Encoding") {
    const site s;
    write(s.root / "app.wasm.br", "BR");
    write(s.root / "app.wasm.gz", "GZ");
    const auto files = static_files::load(s.root);
    const auto get_with = [&](const char* accept) {
        request req{beast_http::verb::get, "/app.wasm", 11};
        if (accept) req.set(beast_http::field::accept_encoding, accept);
        std::optional<response> answer;
        files.serve(req, [&](response res) { answer = std::move(res); });
        REQUIRE(answer);
        return *answer;
    };
    SECTION("brotli when accepted") {
        const auto res = get_with("gzip, deflate, br");
        CHECK(std::string(res[beast_http::field::content_encoding]) == "br");
        CHECK(res.body() == "BR");
        CHECK(std::string(res[beast_http::field::vary]) == "Accept-Encoding");
    }
    SECTION("gzip when brotli is not accepted") {
        const auto res = get_with("gzip");
        CHECK(std::string(res[beast_http::field::content_encoding]) == "gzip");
        CHECK(res.body() == "GZ");
    }
    SECTION("identity without Accept-Encoding, or when every coding is refused") {
        CHECK(get_with(nullptr).body().size() == 4);
        CHECK(get_with(nullptr).count(beast_http::field::content_encoding) == 0);
        CHECK(get_with("br;q=0, gzip;q=0").body().size() == 4);
    }
    SECTION("the compressed files are not served by their own names") {
        CHECK(get(files, "/app.wasm.br").result() == status::not_found);
    }
}

TEST_CASE("static files: ETag and If-None-Match answer 304 without a body") {
    const site s;
    const auto files = static_files::load(s.root);
    const auto first = get(files, "/app.js");
    const std::string etag(first[beast_http::field::etag]);
    CHECK(etag.size() > 2);
    request again{beast_http::verb::get, "/app.js", 11};
    again.set(beast_http::field::if_none_match, etag);
    std::optional<response> answer;
    files.serve(again, [&](response res) { answer = std::move(res); });
    REQUIRE(answer);
    CHECK(answer->result() == status::not_modified);
    CHECK(answer->body().empty());
    request stale{beast_http::verb::get, "/app.js", 11};
    stale.set(beast_http::field::if_none_match, "\"0000000000000000\"");
    files.serve(stale, [&](response res) { answer = std::move(res); });
    CHECK(answer->result() == status::ok);
}

TEST_CASE("static files: content-hashed names are immutable for a year, others revalidate") {
    const site s;
    write(s.root / "app.0123abcd.wasm", std::string("\0asm", 4));
    write(s.root / "web/fonts/DejaVuSans.89abcdef01.ttf", "ttf");
    write(s.root / "notapp.0123abcd.js", "not whitelisted");
    const auto files = static_files::load(s.root);
    CHECK(std::string(get(files, "/app.0123abcd.wasm")[beast_http::field::cache_control]) ==
          "public, max-age=31536000, immutable");
    CHECK(std::string(get(files, "/web/fonts/DejaVuSans.89abcdef01.ttf")[beast_http::field::cache_control])
              .find("immutable") != std::string::npos);
    CHECK(std::string(get(files, "/index.html")[beast_http::field::cache_control]) == "no-cache");
    CHECK(get(files, "/notapp.0123abcd.js").result() == status::not_found);
}

TEST_CASE("choose_encoding") {
    CHECK(choose_encoding("gzip, deflate, br", true, true) == "br");
    CHECK(choose_encoding("gzip, deflate, br", false, true) == "gzip");
    CHECK(choose_encoding("identity", true, true).empty());
    CHECK(choose_encoding("*", true, true) == "br");
    CHECK(choose_encoding("*, br;q=0", true, true) == "gzip");
    CHECK(choose_encoding("BR;q=0.5", true, false) == "br");
    CHECK(choose_encoding("", true, true).empty());
}

TEST_CASE("static files: put replaces a file, drops its precompressed forms and changes its ETag") {
    const site s;
    write(s.root / "index.html.br", "BR");
    write(s.root / "index.html.gz", "GZ");
    auto files = static_files::load(s.root);
    const std::string old_etag(get(files, "/").at(beast_http::field::etag));
    files.put("/index.html", "<!doctype html><title>Acme</title>", "text/html; charset=utf-8");
    files.put("/brand/theme.css", ":root{}", "text/css; charset=utf-8");
    request req{beast_http::verb::get, "/", 11};
    req.set(beast_http::field::accept_encoding, "br, gzip");
    std::optional<response> answer;
    files.serve(req, [&](response res) { answer = std::move(res); });
    REQUIRE(answer);
    CHECK(answer->body() == "<!doctype html><title>Acme</title>");
    CHECK(answer->count(beast_http::field::content_encoding) == 0);
    CHECK(std::string(answer->at(beast_http::field::cache_control)) == "no-cache");
    CHECK(std::string(answer->at(beast_http::field::etag)) != old_etag);
    const auto css = get(files, "/brand/theme.css");
    CHECK(css.body() == ":root{}");
    CHECK(std::string(css.at(beast_http::field::content_type)) == "text/css; charset=utf-8");
    CHECK(get(files, "/brand/logo.png").result() == status::not_found);
}
