#include "mail/mail_url.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <memory>

namespace profiledesk::mail {
namespace {

// curl_url's parts, owned and freed by unique_ptr.
struct curl_url_deleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct curl_free_deleter {
    void operator()(char* s) const { curl_free(s); }
};

std::optional<std::string> url_part(CURLU* u, CURLUPart part, unsigned flags = 0) {
    char* raw = nullptr;
    if (curl_url_get(u, part, &raw, flags) != CURLUE_OK) return std::nullopt;
    std::unique_ptr<char, curl_free_deleter> owned(raw);
    return std::string(raw);
}

}  // namespace

bool is_loopback_host(std::string_view host) {
    if (host == "localhost") return true;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string h(host);
    in_addr v4{};
    if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, h.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool mail_url::loopback() const { return is_loopback_host(host); }

std::string mail_url::server_url() const {
    if (scheme == kind::file) return {};
    return std::string(scheme == kind::smtps ? "smtps://" : "smtp://") + host +
           (port != 0 ? ":" + std::to_string(port) : std::string());
}

std::optional<mail_url> parse_mail_url(std::string_view text, std::string& error) {
    mail_url out;
    for (const unsigned char c : text) {
        if (c <= 0x20 || c == 0x7f) {
            error = "must not contain spaces or control characters";
            return std::nullopt;
        }
    }
    if (text.substr(0, 5) == "file:") {
        auto dir = text.substr(5);
        if (dir.substr(0, 2) == "//") dir.remove_prefix(2);  // file:///var/mail -> /var/mail
        if (dir.empty()) {
            error = "file: needs a directory, e.g. file:/var/lib/profiledesk/outbox";
            return std::nullopt;
        }
        out.scheme = mail_url::kind::file;
        out.directory = std::string(dir);
        return out;
    }
    if (text.substr(0, 7) == "smtp://") {
        out.scheme = mail_url::kind::smtp;
    } else if (text.substr(0, 8) == "smtps://") {
        out.scheme = mail_url::kind::smtps;
    } else {
        error = "must start with smtp://, smtps:// or file:";
        return std::nullopt;
    }
    // The URL grammar is libcurl's (the library that sends): what parses here is what it connects to.
    std::unique_ptr<CURLU, curl_url_deleter> u(curl_url());
    if (!u || curl_url_set(u.get(), CURLUPART_URL, std::string(text).c_str(), 0) != CURLUE_OK) {
        error = "is not a valid URL (smtp://[user:password@]host[:port])";
        return std::nullopt;
    }
    const auto host = url_part(u.get(), CURLUPART_HOST);
    if (!host || host->empty()) {
        error = "has no host";
        return std::nullopt;
    }
    out.host = *host;
    if (const auto port = url_part(u.get(), CURLUPART_PORT)) {
        const long n = std::strtol(port->c_str(), nullptr, 10);
        if (n <= 0 || n > 65535) {
            error = "has a port outside 1-65535";
            return std::nullopt;
        }
        out.port = static_cast<unsigned short>(n);
    }
    const auto path = url_part(u.get(), CURLUPART_PATH);
    if ((path && !path->empty() && *path != "/") || url_part(u.get(), CURLUPART_QUERY) ||
        url_part(u.get(), CURLUPART_FRAGMENT)) {
        error = "must be scheme://[user:password@]host[:port], without a path, query or fragment";
        return std::nullopt;
    }
    out.user = url_part(u.get(), CURLUPART_USER, CURLU_URLDECODE).value_or("");
    out.password = url_part(u.get(), CURLUPART_PASSWORD, CURLU_URLDECODE).value_or("");
    return out;
}

std::string redacted(const mail_url& url) {
    if (url.scheme == mail_url::kind::file) return "file:" + url.directory;
    std::string shown = url.scheme == mail_url::kind::smtps ? "smtps://" : "smtp://";
    if (!url.user.empty() || !url.password.empty()) shown += "***@";
    shown += url.host;
    if (url.port != 0) shown += ":" + std::to_string(url.port);
    return shown;
}

}  // namespace profiledesk::mail
