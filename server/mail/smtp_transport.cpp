#include "mail/transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace profiledesk::mail {
namespace {

// curl_global_init is not thread-safe before 7.84 and must run once.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct upload {
    const std::string& data;
    std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& u = *static_cast<upload*>(user);
    const std::size_t n = std::min(size * count, u.data.size() - u.offset);
    std::memcpy(buffer, u.data.data() + u.offset, n);
    u.offset += n;
    return n;
}

// libcurl calls this often during a transfer: a non-zero answer aborts it (shutdown).
int check_stop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

struct easy_deleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct slist_deleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

class smtp_transport final : public transport {
public:
    smtp_transport(mail_url url, std::string ca_file, smtp_limits limits)
        : url_(std::move(url)), ca_file_(std::move(ca_file)), limits_(limits) {
        init_curl_once();
    }

    attempt_result deliver(const std::string& from, const std::string& to, const std::string& data,
                           std::chrono::milliseconds time_left, const std::atomic<bool>& stop) override {
        attempt_result r;
        std::unique_ptr<CURL, easy_deleter> curl(curl_easy_init());
        if (!curl) {
            r.error = "curl_easy_init failed";
            return r;
        }
        CURL* c = curl.get();
        const std::string server = url_.server_url();
        const std::string mail_from = "<" + from + ">";
        std::unique_ptr<curl_slist, slist_deleter> rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
        upload body{data};

        curl_easy_setopt(c, CURLOPT_URL, server.c_str());
        // Only SMTP, whatever the URL says and wherever a server would redirect.
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        if (url_.scheme == mail_url::kind::smtp) {
            // Off loopback the dialogue must turn to TLS (STARTTLS) or fail:
            // credentials and links never cross a network in clear text.
            // On loopback nothing leaves the machine, and a local relay
            // rarely has a certificate for "localhost".
            curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(url_.loopback() ? CURLUSESSL_NONE : CURLUSESSL_ALL));
        }
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!ca_file_.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
        if (!url_.user.empty()) curl_easy_setopt(c, CURLOPT_USERNAME, url_.user.c_str());
        if (!url_.password.empty()) curl_easy_setopt(c, CURLOPT_PASSWORD, url_.password.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
        curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
        curl_easy_setopt(c, CURLOPT_READDATA, &body);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_stop);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &stop);
        // No signals from a worker thread (the resolver's timeout would raise SIGALRM).
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        const auto at_most = [&](std::chrono::milliseconds limit) {
            return static_cast<long>(std::max<std::chrono::milliseconds::rep>(1, std::min(limit, time_left).count()));
        };
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, at_most(limits_.connect_timeout));
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, at_most(limits_.transfer_timeout));

        const CURLcode code = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.smtp_status);
        if (code == CURLE_OK) {
            r.sent = true;
            return r;
        }
        // libcurl's words name the failing step and the server's reply code;
        // never an address (the RCPT reply text could echo one: not kept).
        r.error = curl_easy_strerror(code);
        r.permanent = code == CURLE_LOGIN_DENIED || (r.smtp_status >= 500 && r.smtp_status < 600);
        return r;
    }

private:
    const mail_url url_;
    const std::string ca_file_;
    const smtp_limits limits_;
};

}  // namespace

std::unique_ptr<transport> make_smtp_transport(const mail_url& url, std::string ca_file, smtp_limits limits) {
    return std::make_unique<smtp_transport>(url, std::move(ca_file), limits);
}

}  // namespace profiledesk::mail
