#include "mail/make_mailer.hpp"

#include <filesystem>
#include <stdexcept>

namespace profiledesk::mail {
namespace {

class mail_off final : public mailer {
public:
    void send(message, std::chrono::milliseconds, std::function<void(send_result)> done) override {
        done(send_result::failed);
    }
    bool configured() const override { return false; }
};

}  // namespace

std::shared_ptr<mailer> make_mailer(mailer_settings s) {
    if (!s.url) return std::make_shared<mail_off>();
    std::unique_ptr<transport> t;
    if (s.url->scheme == mail_url::kind::file) {
        std::error_code ec;
        std::filesystem::create_directories(s.url->directory, ec);
        if (ec) throw std::runtime_error("cannot create the outbox directory: " + ec.message());
        t = make_file_transport(s.url->directory);
    } else {
        t = make_smtp_transport(*s.url, s.ca_file, s.smtp);
    }
    s.queue.from = s.from;
    return make_queued_mailer(std::move(t), std::move(s.queue));
}

}  // namespace profiledesk::mail
