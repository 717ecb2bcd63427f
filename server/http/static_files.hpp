// The static files the server may send: a whitelist read once at start-up.
//
// The request never builds a path: a request target is looked up, byte for
// byte, among the names found at start-up, so "/../", "%2e%2e" or a symlink
// out of the folder cannot reach anything else.
#pragma once

#include "types.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace profiledesk::http {

class static_files {
public:
    struct file {
        std::string body;
        std::string content_type;
    };

    // Loads the app (index.html, loader.js, app.js, app.wasm) from `root` and
    // every regular, non-hidden file with a known type under `root`/web/.
    // Missing files are simply not served; `missing()` names the app's ones.
    static static_files load(const std::filesystem::path& root);

    // The file for a request target ("/" is index.html), or null.
    const file* find(std::string_view target) const;

    // Answers GET and HEAD from the whitelist, 404 JSON for anything else.
    void serve(const request& req, const responder& respond) const;

    std::size_t size() const { return files_.size(); }
    const std::vector<std::string>& missing() const { return missing_; }

private:
    std::map<std::string, file, std::less<>> files_;
    std::vector<std::string> missing_;
};

// The Content-Type for a file name's extension; empty when the type is not one
// we serve (such files are left out of the whitelist).
std::string content_type_for(std::string_view filename);

}  // namespace profiledesk::http
