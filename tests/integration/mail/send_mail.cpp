// A test driver for the mail integration tests (tests/integration/mail.test.mjs):
// sends one message through make_mailer, exactly as profiledesk builds it, and
// prints how it ended as one JSON line on stdout:
//   {"result":"sent","ms":12}
// Usage: send_mail URL FROM TO SUBJECT TEXT HTML DEADLINE_MS [CA_FILE]
// The mailer's own log lines (attempts, SMTP status) go to stderr.
#include "mail/make_mailer.hpp"

#include <chrono>
#include <future>
#include <iostream>

int main(int argc, char** argv) {
    using namespace profiledesk;
    if (argc < 8) {
        std::cerr << "usage: send_mail URL FROM TO SUBJECT TEXT HTML DEADLINE_MS [CA_FILE]\n";
        return 2;
    }
    std::string error;
    auto url = mail::parse_mail_url(argv[1], error);
    if (!url) {
        std::cerr << "MAIL_URL " << error << "\n";
        return 2;
    }
    mail::mailer_settings s;
    s.url = url;
    s.from = argv[2];
    if (argc > 8) s.ca_file = argv[8];
    // Short enough for a test to watch a few retries within a couple of seconds.
    s.queue.first_retry = std::chrono::milliseconds(100);
    s.queue.max_retry = std::chrono::milliseconds(400);
    s.smtp.connect_timeout = std::chrono::milliseconds(2000);
    s.smtp.transfer_timeout = std::chrono::milliseconds(5000);
    const auto mailer = mail::make_mailer(s);

    std::promise<mail::send_result> ended;
    const auto start = std::chrono::steady_clock::now();
    mailer->send({argv[3], argv[4], argv[5], argv[6]}, std::chrono::milliseconds(std::stol(argv[7])),
                 [&](mail::send_result r) { ended.set_value(r); });
    const auto result = ended.get_future().get();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::cout << "{\"result\":\"" << (result == mail::send_result::sent ? "sent" : "failed") << "\",\"ms\":" << ms
              << "}" << std::endl;
    return 0;
}
