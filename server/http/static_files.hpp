// The static files the server may send: a whitelist read once at start-up.
//
// The request never builds a path: a request target is looked up, byte for
// byte, among the names found at start-up, so "/../", "%2e%2e" or a symlink
// out of the folder cannot reach anything else.
#pragma once

#include "types.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::http {

class static_files {
public:
    // One representation of a file: identity, or precompressed at build time.
    struct variant {
        std::string body;
        std::string etag;  // strong, quoted; differs per encoding
    };
    struct file {
        std::string content_type;
        bool immutable = false;  // the name carries a content hash
        variant identity;
        std::optional<variant> br, gzip;  // from `name.br` / `name.gz` beside it
    };

    // Loads the app (index.html, loader.js, app.js, app.wasm, or their
    // content-hashed forms such as app.1a2b3c4d.wasm) from `root` and every
    // regular, non-hidden file with a known type under `root`/web/, each with
    // its precompressed `.br` and `.gz` siblings when present. Missing files
    // are simply not served; `missing()` names the app's ones.
    static static_files load(const std::filesystem::path& root);

    // Serves `body` at `path` ("/index.html", "/brand/theme.css") from now
    // on, in place of any file there: identity only (its precompressed
    // siblings described the old body), a new ETag, revalidated (no-cache).
    // For what the server makes at start-up (http/site_page.hpp).
    void put(const std::string& path, std::string body, std::string content_type);

    // The file for a request target ("/" is index.html), or null.
    const file* find(std::string_view target) const;

    // Answers GET and HEAD from the whitelist, 404 JSON for anything else:
    // the best encoding the request accepts (Vary: Accept-Encoding), an ETag
    // and 304 for a matching If-None-Match, and a year of immutable caching
    // for content-hashed names (no-cache, so revalidation, for the others).
    void serve(const request& req, const responder& respond) const;

    std::size_t size() const { return files_.size(); }
    const std::vector<std::string>& missing() const { return missing_; }

private:
    std::map<std::string, file, std::less<>> files_;
    std::vector<std::string> missing_;
};

// Whether a name carries a content hash: "app.1a2b3c4d.wasm" (8+ hex digits
// between the stem and the extension).
bool is_content_hashed(std::string_view filename);

// Which precompressed encoding to send for an Accept-Encoding header, given
// those available: "br", "gzip", or "" for identity. q=0 refuses a coding.
std::string choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

// The Content-Type for a file name's extension; empty when the type is not one
// we serve (such files are left out of the whitelist).
std::string content_type_for(std::string_view filename);

}  // namespace profiledesk::http
