#include "mail/outbox_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

namespace profiledesk::mail {

std::string outbox_file_name(std::chrono::system_clock::time_point t, std::string_view id) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[64];  // room for any int the format could meet (-Wformat-truncation)
    std::snprintf(stamp, sizeof stamp, "%04d%02d%02dT%02d%02d%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return std::string(stamp) + "-" + std::string(id) + ".eml";
}

bool is_outbox_file_name(std::string_view name) {
    // "YYYYMMDDTHHMMSS.mmmZ-" then 16 hex digits and ".eml": 41 characters.
    static constexpr std::string_view shape = "ddddddddTdddddd.dddZ-hhhhhhhhhhhhhhhh.eml";
    if (name.size() != shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = name[i];
        const bool ok = shape[i] == 'd'   ? (c >= '0' && c <= '9')
                        : shape[i] == 'h' ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                                          : c == shape[i];
        if (!ok) return false;
    }
    return true;
}

std::vector<std::string> list_outbox(const std::string& directory, std::size_t max) {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        auto name = it->path().filename().string();
        if (is_outbox_file_name(name)) names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end(), std::greater<>());
    if (names.size() > max) names.resize(max);
    return names;
}

std::optional<std::string> read_outbox_file(const std::string& directory, std::string_view name,
                                            std::size_t max_bytes) {
    if (!is_outbox_file_name(name)) return std::nullopt;
    const std::string path = directory + "/" + std::string(name);
    // O_NOFOLLOW: a link planted in the outbox does not lead elsewhere.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) <= max_bytes) {
        std::string data(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < data.size()) {
            const auto n = ::read(fd, data.data() + got, data.size() - got);
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        if (got == data.size()) out = std::move(data);
    }
    ::close(fd);
    return out;
}

}  // namespace profiledesk::mail
