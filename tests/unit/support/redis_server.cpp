#include "support/redis_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace profiledesk::testing {

namespace {

// A port the kernel just handed out; redis-server binds it a moment later.
unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

std::string run(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + command);
    std::array<char, 4096> buf{};
    while (const auto n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    ::pclose(p);
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

redis_server::redis_server(config c) : config_(std::move(c)) {
    char dir[] = "/tmp/pd-redis-XXXXXX";
    if (!::mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    if (config_.tls) {
        const auto made = std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                                       " -addext subjectAltName=IP:127.0.0.1 -keyout " +
                                       dir_ + "/key.pem -out " + dir_ + "/cert.pem 2>/dev/null")
                                          .c_str());
        if (made != 0) throw std::runtime_error("openssl could not make a test certificate");
    }
    port_ = free_port();
    start();
}

redis_server::~redis_server() {
    stop();
    std::system(("rm -rf " + dir_).c_str());
}

redis::redis_url redis_server::url() const {
    redis::redis_url u;
    u.tls = config_.tls;
    u.host = "127.0.0.1";
    u.port = port_;
    u.password = config_.password;
    return u;
}

void redis_server::start() {
    const auto port = std::to_string(port_);
    std::vector<std::string> args{"redis-server", "--bind", "127.0.0.1", "--save",           "", "--appendonly", "no",
                                  "--dir",        dir_,     "--logfile", dir_ + "/redis.log"};
    if (config_.tls) {
        args.insert(args.end(), {"--port", "0", "--tls-port", port, "--tls-cert-file", dir_ + "/cert.pem",
                                 "--tls-key-file", dir_ + "/key.pem", "--tls-auth-clients", "no"});
    } else {
        args.insert(args.end(), {"--port", port});
    }
    if (!config_.password.empty()) args.insert(args.end(), {"--requirepass", config_.password});
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp("redis-server", argv.data());
        std::_Exit(127);
    }
    // Ready when PING answers (up to 10 s: a loaded CI machine under ASan).
    for (int i = 0; i < 1000; ++i) {
        if (cli("PING").rfind("PONG", 0) == 0) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("redis-server did not start: " + read_file(dir_ + "/redis.log"));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("redis-server did not answer PING: " + read_file(dir_ + "/redis.log"));
}

void redis_server::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGCONT);  // a paused server cannot act on SIGTERM
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

void redis_server::restart() {
    stop();
    start();
}

void redis_server::pause() { ::kill(pid_, SIGSTOP); }

void redis_server::resume() { ::kill(pid_, SIGCONT); }

std::string redis_server::cli(const std::string& args) const {
    std::string command = "redis-cli -h 127.0.0.1 -p " + std::to_string(port_);
    if (config_.tls) command += " --tls --cacert " + certificate_file();
    if (!config_.password.empty()) command += " --no-auth-warning -a '" + config_.password + "'";
    return run(command + " " + args + " 2>&1");
}

}  // namespace profiledesk::testing
