#include "crypto/random.hpp"
#include "mail/outbox_files.hpp"
#include "mail/transport.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace profiledesk::mail {
namespace {

std::string hex_id() {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char b : crypto::random_bytes(8)) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

class file_transport final : public transport {
public:
    explicit file_transport(std::string directory) : directory_(std::move(directory)) {}

    attempt_result deliver(const std::string&, const std::string&, const std::string& data, std::chrono::milliseconds,
                           const std::atomic<bool>&) override {
        attempt_result r;
        const std::string name = outbox_file_name(std::chrono::system_clock::now(), hex_id());
        // The temporary name is not of the outbox pattern: listings skip it.
        const std::string temporary = directory_ + "/.tmp-" + name;
        const std::string final_path = directory_ + "/" + name;
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            r.error = std::strerror(errno);
            return r;
        }
        std::size_t written = 0;
        while (written < data.size()) {
            const auto n = ::write(fd, data.data() + written, data.size() - written);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            written += static_cast<std::size_t>(n);
        }
        const int write_errno = errno;
        const bool closed = ::close(fd) == 0;
        if (written != data.size() || !closed) {
            r.error = std::strerror(written != data.size() ? write_errno : errno);
            ::unlink(temporary.c_str());
            return r;
        }
        if (std::rename(temporary.c_str(), final_path.c_str()) != 0) {
            r.error = std::strerror(errno);
            ::unlink(temporary.c_str());
            return r;
        }
        r.sent = true;
        return r;
    }

private:
    const std::string directory_;
};

}  // namespace

std::unique_ptr<transport> make_file_transport(std::string directory) {
    return std::make_unique<file_transport>(std::move(directory));
}

}  // namespace profiledesk::mail
