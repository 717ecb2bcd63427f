#include "profiledesk/core/api_errors.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace api_error = profiledesk::core::api_error;
namespace fs = std::filesystem;

TEST_CASE("api errors: one entry per code, each a stable snake_case name with an error status") {
    std::set<std::string_view> seen;
    const std::regex snake_case("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    for (const auto& c : api_error::all_codes) {
        INFO(c.code);
        CHECK(seen.insert(c.code).second);
        CHECK(std::regex_match(std::string(c.code), snake_case));
        CHECK(c.status >= 400);
        CHECK(c.status <= 599);
        CHECK_FALSE(c.meaning.empty());
        CHECK(api_error::find(c.code) == &c);
    }
    CHECK(api_error::find("version_conflict") == nullptr);
    CHECK(api_error::find("") == nullptr);
    static_assert(api_error::find("glyphs_busy")->status == 503, "find() works at compile time");
}

// The table is the only place a code is written: the server's routes and the
// app use its constants, so a code cannot change on one side only, and a code
// the server sends cannot be missing from the table (which the app's test
// walks). This reads the sources the server and the app are built from.
namespace {

struct hit {
    std::string file;
    std::string what;
};

std::vector<fs::path> sources() {
    const fs::path root = PD_SOURCE_DIR;
    std::vector<fs::path> files;
    for (const char* dir : {"server", "wasm", "shell"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
            const auto& p = entry.path();
            // localtenant answers with Auth0's own codes: another contract.
            if (p.lexically_relative(root).string().rfind("server/localtenant", 0) == 0) continue;
            const auto ext = p.extension().string();
            if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".js")) {
                files.push_back(p);
            }
        }
    }
    return files;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<hit> literal_codes(const std::vector<fs::path>& files) {
    // An enum's to_string naming its own enumerator (mgmt_error::timeout,
    // outcome::conflict, phase::conflict) is that enum's name, not a code.
    const std::regex enum_name(R"(case \w+::(\w+): return "\1";)");
    std::vector<hit> hits;
    for (const auto& p : files) {
        std::istringstream text(read_all(p));
        std::string line;
        for (int n = 1; std::getline(text, line); ++n) {
            if (std::regex_search(line, enum_name)) continue;
            for (const auto& c : api_error::all_codes) {
                if (line.find("\"" + std::string(c.code) + "\"") != std::string::npos) {
                    hits.push_back({p.string() + ":" + std::to_string(n), std::string(c.code)});
                }
            }
        }
    }
    return hits;
}

// A string literal where the answers of server/ take their code: a code
// outside the table.
std::vector<hit> literals_as_codes(const std::vector<fs::path>& files) {
    const std::regex as_code(
        // error_response(status::x, "code", ...), and the routes' error() and
        // the connection's reject() helpers, a condition's branches included
        R"(\b(error_response|error|reject)\s*\(\s*[\w:]*status::\w+\s*,\s*(\w+\s*\?\s*)?")"
        // glyph_query's refuse("code", ...)
        R"(|\brefuse\s*\(\s*")"
        // a body built by hand: {"error", "code"} or j["error"] = "code"
        R"(|"error"\s*,\s*"|\["error"\]\s*=\s*")");
    std::vector<hit> hits;
    for (const auto& p : files) {
        const auto text = read_all(p);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), as_code); it != std::sregex_iterator(); ++it) {
            hits.push_back({p.string(), it->str()});
        }
    }
    return hits;
}

// Where a route writes `status::<name>, core::api_error::<code>` (on one line
// or two), the status that goes with the code, by Beast's name for it.
std::vector<hit> statuses_unlike_the_table(const std::vector<fs::path>& files) {
    // Beast's names (boost/beast/http/status.hpp) of the statuses error answers use.
    const std::map<std::string, int> status_of_name = {{"bad_request", 400},
                                                       {"unauthorized", 401},
                                                       {"forbidden", 403},
                                                       {"not_found", 404},
                                                       {"method_not_allowed", 405},
                                                       {"conflict", 409},
                                                       {"payload_too_large", 413},
                                                       {"unsupported_media_type", 415},
                                                       {"too_many_requests", 429},
                                                       {"request_header_fields_too_large", 431},
                                                       {"internal_server_error", 500},
                                                       {"bad_gateway", 502},
                                                       {"service_unavailable", 503},
                                                       {"gateway_timeout", 504}};
    const std::regex pair(R"(status::(\w+)\s*,\s*core::api_error::(\w+))");
    std::vector<hit> hits;
    for (const auto& p : files) {
        const auto text = read_all(p);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), pair); it != std::sregex_iterator(); ++it) {
            const auto name = (*it)[1].str(), code = (*it)[2].str();
            const auto info = api_error::find(code);
            const auto status = status_of_name.find(name);
            if (info == nullptr || status == status_of_name.end() || status->second != info->status) {
                hits.push_back({p.string(), "status::" + name + " with " + code});
            }
        }
    }
    return hits;
}

}  // namespace

TEST_CASE("api errors: every answer sends its code with the table's status") {
    const auto files = sources();
    REQUIRE(files.size() > 50);
    for (const auto& h : statuses_unlike_the_table(files)) {
        FAIL_CHECK(h.file << ": " << h.what << " (the table in api_errors.hpp says otherwise, or knows neither)");
    }
}

TEST_CASE("api errors: server/ and wasm/ write no code as a literal, only the table's constants") {
    const auto files = sources();
    REQUIRE(files.size() > 50);  // the tree was found
    for (const auto& h : literal_codes(files)) {
        FAIL_CHECK(h.file << ": \"" << h.what << "\": use core::api_error::" << h.what);
    }
    for (const auto& h : literals_as_codes(files)) {
        FAIL_CHECK(h.file << ": `" << h.what
                          << "`: a code is a constant of core/include/profiledesk/core/api_errors.hpp");
    }
}
