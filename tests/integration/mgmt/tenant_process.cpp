#include "tenant_process.hpp"

#include <boost/asio/ssl/context.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mgmt_test {

namespace fs = std::filesystem;
namespace net = boost::asio;
using nlohmann::json;
using namespace std::chrono_literals;

temp_dir::temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "mgmt-it-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
}

temp_dir::~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

json test_seed() {
    return {
        {"password_iterations", 1000},
        {"tenant", {{"friendly_name", "Test tenant"}, {"allowed_logout_urls", {"http://localhost:8080/"}}}},
        {"clients",
         {{{"client_id", client_id},
           {"name", "Test app"},
           {"client_secret", client_secret},
           {"callbacks", {"http://localhost:8080/callback"}},
           {"allowed_logout_urls", {"http://localhost:8080/"}},
           {"grant_types", {"authorization_code", "client_credentials"}},
           {"management_api_scopes", {"read:users", "update:users"}}},
          {{"client_id", "reader"},
           {"client_secret", "reader-secret"},
           {"grant_types", {"client_credentials"}},
           {"management_api_scopes", {"read:users"}}}}},
        {"connections",
         {{{"name", "Username-Password-Authentication"}, {"strategy", "auth0"}},
          {{"name", "google-oauth2"},
           {"strategy", "google-oauth2"},
           {"options", {{"set_user_root_attributes", "on_each_login"}}}},
          {{"name", "github"}, {"strategy", "github"}, {"options", {{"set_user_root_attributes", "on_first_login"}}}}}},
        {"users",
         {{{"user_id", ada},
           {"connection", "Username-Password-Authentication"},
           {"email", "ada@example.com"},
           {"email_verified", true},
           {"password", "ada-password"},
           {"name", "Ada Lovelace"},
           {"nickname", "ada"},
           {"user_metadata", {{"city", "London"}, {"prefs", {{"theme", "dark"}, {"lang", "en"}}}}},
           {"app_metadata", {{"plan", "gold"}}}},
          {{"user_id", grace},
           {"connection", "Username-Password-Authentication"},
           {"email", "grace@example.com"},
           {"password", "grace-password"},
           {"name", "Grace Hopper"}},
          {{"user_id", gina},
           {"connection", "google-oauth2"},
           {"email", "gina@example.com"},
           {"email_verified", true},
           {"password", "gina-password"},
           {"name", "Gina Google"}},
          {{"user_id", "github|42"},
           {"connection", "github"},
           {"email", "gus@example.com"},
           {"password", "gus-password"},
           {"name", "Gus Hub"}},
          {{"user_id", zoe},
           {"connection", "Username-Password-Authentication"},
           {"email", "zoe@example.com"},
           {"password", "zoe-password"},
           {"name", "Zoë Łukasiewicz · Софья · 李小龍"},
           {"user_metadata", {{"city", "Kraków"}}}}}},
    };
}

namespace {

void run(const std::string& command) {
    // Quiet: openssl writes progress dots to stderr.
    if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) throw std::runtime_error("failed: " + command);
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

void make_server_cert(const fs::path& dir, const std::string& name, const std::string& san, const test_ca& ca) {
    const auto key = dir / (name + ".key"), csr = dir / (name + ".csr"), ext = dir / (name + ".ext"),
               pem = dir / (name + ".pem");
    run("openssl req -newkey rsa:2048 -nodes -keyout " + q(key) + " -out " + q(csr) + " -subj '/CN=" + name + "'");
    std::ofstream(ext) << "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                          "extendedKeyUsage=serverAuth\nsubjectAltName="
                       << san << "\n";
    run("openssl x509 -req -in " + q(csr) + " -CA " + q(ca.ca_pem) + " -CAkey " + q(dir / "ca.key") +
        " -CAcreateserial -out " + q(pem) + " -days 2 -extfile " + q(ext));
}

}  // namespace

test_ca make_test_ca(const fs::path& dir) {
    test_ca ca;
    ca.ca_pem = dir / "ca.pem";
    run("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + q(dir / "ca.key") + " -out " + q(ca.ca_pem) +
        " -days 2 -subj '/CN=Profile Desk mgmt test CA' -addext 'basicConstraints=critical,CA:TRUE'"
        " -addext 'keyUsage=critical,keyCertSign,cRLSign'");
    make_server_cert(dir, "localhost", "IP:127.0.0.1,DNS:localhost", ca);
    make_server_cert(dir, "other.example.com", "DNS:other.example.com", ca);
    ca.good_cert = dir / "localhost.pem";
    ca.good_key = dir / "localhost.key";
    ca.other_cert = dir / "other.example.com.pem";
    ca.other_key = dir / "other.example.com.key";
    return ca;
}

admin_http::admin_http(std::shared_ptr<net::ssl::context> tls)
    : work_(net::make_work_guard(ioc_)),
      client_(std::make_shared<upstream::http_client>(ioc_, tls ? tls : upstream::make_tls_client_context())),
      thread_([this] { ioc_.run(); }) {}

admin_http::~admin_http() {
    work_.reset();
    ioc_.stop();
    thread_.join();
}

upstream::client_response admin_http::send(upstream::beast_http::verb method, const std::string& url,
                                           const std::string& body) {
    upstream::client_request req;
    req.method = method;
    req.url = url;
    if (!body.empty()) {
        req.body = body;
        req.content_type = "application/json";
    }
    std::promise<std::pair<boost::system::error_code, upstream::client_response>> p;
    client_->send(std::move(req), std::chrono::steady_clock::now() + 20s,
                  [&p](boost::system::error_code ec, upstream::client_response res) {
                      p.set_value({ec, std::move(res)});
                  });
    auto [ec, res] = p.get_future().get();
    if (ec) throw std::runtime_error("admin request " + url + " failed: " + ec.message());
    return res;
}

tenant_process::tenant_process(tenant_options options) {
    const auto seed = dir_.path / "seed.json";
    std::ofstream(seed) << test_seed().dump(2);
    std::vector<std::string> args = {
        LOCALTENANT_BINARY, "--seed", seed.string(), "--db", (dir_.path / "tenant.db").string(),
        "--port",           "0",      "--admin"};
    if (options.raised_rate_limit) {
        for (const char* a : {"--rate-limit", "1000", "--rate-burst", "1000"}) args.emplace_back(a);
    }
    if (!options.tls_cert.empty()) {
        for (const auto& a : {std::string("--tls-cert"), options.tls_cert.string(), std::string("--tls-key"),
                              options.tls_key.string()}) {
            args.push_back(a);
        }
    }
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());

    // stdout and stderr go to files: nothing can block on a full pipe.
    const auto out = (dir_.path / "stdout.txt").string(), err = (dir_.path / "stderr.txt").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, args[0].c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);

    // Wait for "localtenant listening on URL".
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (url_.empty()) {
        std::ifstream in(out);
        std::string line;
        while (std::getline(in, line)) {
            const auto at = line.find("listening on ");
            if (at != std::string::npos && !line.empty() && line.back() == '/') url_ = line.substr(at + 13);
        }
        if (!url_.empty()) break;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("localtenant exited before listening:\n" + log());
        }
        if (std::chrono::steady_clock::now() > give_up) {
            throw std::runtime_error("localtenant did not print its listening line within 30 s:\n" + log());
        }
        std::this_thread::sleep_for(20ms);
    }
    std::shared_ptr<net::ssl::context> tls;
    if (!options.ca_pem.empty()) tls = upstream::make_tls_client_context(options.ca_pem.string());
    admin_ = std::make_unique<admin_http>(tls);
}

tenant_process::~tenant_process() {
    admin_.reset();
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 250; ++i) {  // up to 5 s, then SIGKILL
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(20ms);
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

void tenant_process::add_fault(const json& fault) {
    const auto res = admin_->send(upstream::beast_http::verb::post, url_ + "admin/faults", fault.dump());
    if (res.status != 201) throw std::runtime_error("add_fault: " + std::to_string(res.status) + " " + res.body);
}

void tenant_process::clear_faults() { admin_->send(upstream::beast_http::verb::delete_, url_ + "admin/faults"); }

json tenant_process::stats() {
    const auto res = admin_->send(upstream::beast_http::verb::get, url_ + "admin/stats");
    return json::parse(res.body);
}

void tenant_process::reset_stats() { admin_->send(upstream::beast_http::verb::delete_, url_ + "admin/stats"); }

std::uint64_t tenant_process::requests(const std::string& endpoint) {
    return stats().at("requests").value(endpoint, std::uint64_t{0});
}

std::string tenant_process::log() const {
    std::ifstream in(dir_.path / "stderr.txt");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct log_sink {
    std::mutex mutex;
    std::vector<std::string> lines;
};

client_fixture::client_fixture(profiledesk::mgmt::mgmt_settings settings, std::shared_ptr<net::ssl::context> tls,
                               std::optional<profiledesk::redis::redis_url> store)
    : work_(net::make_work_guard(ioc_)), log_(std::make_shared<log_sink>()) {
    settings.log = [sink = log_](profiledesk::log::level l, const profiledesk::log::request_id& request,
                                 profiledesk::log::message m, profiledesk::log::fields f) {
        std::string line;
        profiledesk::log::format_line(line, profiledesk::log::format::json, 0, l, request.view(), m, f);
        const std::lock_guard lock(sink->mutex);
        sink->lines.push_back(std::move(line));
    };
    profiledesk::mgmt::shared_state shared;
    if (store) {
        profiledesk::redis::client::options o;
        o.url = *store;
        o.connect_timeout = 1000ms;
        o.reconnect_max = 200ms;  // back quickly after a restart
        redis_ = profiledesk::redis::client::create(ioc_, std::move(o));
        redis_->start();
        shared = profiledesk::mgmt::redis_shared_state(redis_, profiledesk::redis::key_space(), settings);
    }
    client_ = profiledesk::mgmt::users_client::create(ioc_, std::move(tls), std::move(settings), std::move(shared));
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

client_fixture::~client_fixture() {
    client_.reset();
    if (redis_) redis_->stop();
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) t.join();
}

profiledesk::mgmt::mgmt_result client_fixture::get(const std::string& user_id, std::chrono::milliseconds timeout) {
    return get_many({user_id}, timeout).front();
}

std::vector<profiledesk::mgmt::mgmt_result> client_fixture::get_many(const std::vector<std::string>& user_ids,
                                                                     std::chrono::milliseconds timeout) {
    std::vector<std::promise<profiledesk::mgmt::mgmt_result>> promises(user_ids.size());
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (std::size_t i = 0; i < user_ids.size(); ++i) {
        client_->get_user(user_ids[i], deadline,
                          [&p = promises[i]](profiledesk::mgmt::mgmt_result r) { p.set_value(std::move(r)); });
    }
    std::vector<profiledesk::mgmt::mgmt_result> results;
    for (auto& p : promises) results.push_back(p.get_future().get());
    return results;
}

profiledesk::mgmt::token_result client_fixture::token(std::chrono::milliseconds timeout) {
    std::promise<profiledesk::mgmt::token_result> p;
    client_->tokens().get_token(std::chrono::steady_clock::now() + timeout,
                                [&p](profiledesk::mgmt::token_result r) { p.set_value(std::move(r)); });
    return p.get_future().get();
}

profiledesk::mgmt::mgmt_result client_fixture::patch(const std::string& user_id, const json& changes,
                                                     std::chrono::milliseconds timeout) {
    std::promise<profiledesk::mgmt::mgmt_result> p;
    client_->patch_user(user_id, changes, std::chrono::steady_clock::now() + timeout,
                        [&p](profiledesk::mgmt::mgmt_result r) { p.set_value(std::move(r)); });
    return p.get_future().get();
}

std::vector<std::string> client_fixture::log_lines() {
    const std::lock_guard lock(log_->mutex);
    return log_->lines;
}

profiledesk::mgmt::mgmt_settings settings_for(const tenant_process& tenant) {
    profiledesk::mgmt::mgmt_settings s;
    s.issuer = tenant.issuer();
    s.client_id = client_id;
    s.client_secret = client_secret;
    s.backoff_base = 20ms;  // quick retries; the schedule itself is unit-tested
    s.backoff_max = 200ms;
    s.breaker_threshold = 1000;  // out of the way unless a test is about it
    // Our own budget as large as the raised tenant limit (tenant_options), so
    // that only the tests about the budget meet it.
    s.rate_limit_per_second = 1000;
    s.rate_limit_burst = 1000;
    return s;
}

}  // namespace mgmt_test
