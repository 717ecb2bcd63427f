// Support for the Management API client's integration tests: a REAL
// localtenant process (the fake Auth0; never an in-process mock of our own
// client), started on port 0 with a test seed in a temp folder, found through
// its "listening on" line, driven through its admin endpoints, and stopped
// (SIGTERM, then SIGKILL) when the test ends, pass or fail. Also: a throwaway
// CA made with the openssl CLI, and a users_client running on two I/O threads.
#pragma once

#include "mgmt/users_client.hpp"
#include "redis/client.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mgmt_test {

namespace upstream = profiledesk::upstream;
struct log_sink;

inline const std::string client_id = "test-app";
inline const std::string client_secret = "test-secret-0123456789";
inline const std::string ada = "auth0|ada";
inline const std::string grace = "auth0|grace";
inline const std::string zoe = "auth0|zoe";
inline const std::string gina = "google-oauth2|1234567890";

// A temp folder, removed with everything in it at the end of the scope.
struct temp_dir {
    std::filesystem::path path;
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

// The test seed: one confidential client with read:users and update:users,
// a read-only M2M client, database, Google and GitHub users.
nlohmann::json test_seed();

// A throwaway CA and server certificates made with the openssl CLI.
struct test_ca {
    std::filesystem::path ca_pem, good_cert, good_key, other_cert, other_key;
};
// good_*: for IP 127.0.0.1 and localhost; other_*: for other.example.com only.
test_ca make_test_ca(const std::filesystem::path& dir);

// A synchronous HTTP client for the admin endpoints (its own I/O thread).
class admin_http {
public:
    explicit admin_http(std::shared_ptr<boost::asio::ssl::context> tls);
    ~admin_http();
    upstream::client_response send(upstream::beast_http::verb method, const std::string& url,
                                   const std::string& body = {});

private:
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::shared_ptr<upstream::http_client> client_;
    std::thread thread_;
};

struct tenant_options {
    std::vector<std::string> extra_args;  // e.g. {"--rate-limit", "1"}
    bool raised_rate_limit = true;        // --rate-limit 1000 --rate-burst 1000
    std::filesystem::path tls_cert, tls_key;
    std::filesystem::path ca_pem;  // trust for the admin calls over TLS
};

class tenant_process {
public:
    explicit tenant_process(tenant_options options = {});
    ~tenant_process();
    tenant_process(const tenant_process&) = delete;
    tenant_process& operator=(const tenant_process&) = delete;

    // "http://127.0.0.1:PORT/" as printed.
    const std::string& url() const { return url_; }
    // The URL without its trailing slash: what mgmt_settings::issuer gets.
    std::string issuer() const { return url_.substr(0, url_.size() - 1); }

    // POST /admin/faults with this fault ({"endpoint", "kind", ...}).
    void add_fault(const nlohmann::json& fault);
    void clear_faults();
    // GET /admin/stats: {"requests": {"users_get": n, ...}, "token_grants": {...}}.
    nlohmann::json stats();
    void reset_stats();
    std::uint64_t requests(const std::string& endpoint);  // stats()["requests"][endpoint]
    std::uint64_t token_requests() { return requests("token"); }

    // The stderr of the process so far (one line per request, for failures).
    std::string log() const;

private:
    temp_dir dir_;
    int pid_ = -1;
    std::string url_;
    std::unique_ptr<admin_http> admin_;
};

// The client under test, on its own io_context run by two threads (as the server runs it).
// With `store`: one instance of a cluster, sharing its state through that
// Redis (mgmt::redis_shared_state) with every other fixture given the same.
class client_fixture {
public:
    explicit client_fixture(profiledesk::mgmt::mgmt_settings settings,
                            std::shared_ptr<boost::asio::ssl::context> tls = nullptr,
                            std::optional<profiledesk::redis::redis_url> store = std::nullopt);
    ~client_fixture();

    profiledesk::mgmt::users_client& client() { return *client_; }
    profiledesk::mgmt::mgmt_result get(const std::string& user_id,
                                       std::chrono::milliseconds timeout = std::chrono::seconds(20));
    profiledesk::mgmt::mgmt_result patch(const std::string& user_id, const nlohmann::json& changes,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Starts n get_user calls at once (from this thread, back to back) and waits for all.
    std::vector<profiledesk::mgmt::mgmt_result> get_many(const std::vector<std::string>& user_ids,
                                                         std::chrono::milliseconds timeout = std::chrono::seconds(20));
    profiledesk::mgmt::token_result token(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Every line the client logged.
    std::vector<std::string> log_lines();

private:
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::shared_ptr<profiledesk::redis::client> redis_;
    std::shared_ptr<profiledesk::mgmt::users_client> client_;
    std::vector<std::thread> threads_;
    std::shared_ptr<log_sink> log_;
};

// Settings for a tenant: its issuer, the test client, tuning fit for tests
// (short backoff, a breaker that needs many failures unless a test says so).
profiledesk::mgmt::mgmt_settings settings_for(const tenant_process& tenant);

}  // namespace mgmt_test
