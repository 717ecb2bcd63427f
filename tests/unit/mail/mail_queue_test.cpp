// The queue's own promises (mail_queue.hpp), with a transport that the test
// holds: done() exactly once, inline when full or refused, on shutdown for
// what still waits; transient failures retried, permanent ones not. The real
// senders are tested against a real SMTP server (tests/integration/mail.test.mjs).
#include "mail/mail_queue.hpp"
#include "metrics/server_metrics.hpp"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace profiledesk::mail;
using namespace std::chrono_literals;

namespace {

// Answers each attempt with the next scripted result; `hold` blocks attempts
// until released (or the queue's stop flag is set).
struct scripted {
    std::mutex m;
    std::condition_variable cv;
    std::vector<attempt_result> results;  // consumed from the front; empty: sent
    bool hold = false;
    int attempts = 0;
};

class scripted_transport final : public transport {
public:
    explicit scripted_transport(std::shared_ptr<scripted> s) : s_(std::move(s)) {}
    attempt_result deliver(const std::string&, const std::string&, const std::string&, std::chrono::milliseconds,
                           const std::atomic<bool>& stop) override {
        std::unique_lock<std::mutex> lock(s_->m);
        ++s_->attempts;
        s_->cv.notify_all();
        while (s_->hold && !stop.load()) s_->cv.wait_for(lock, 5ms);
        if (stop.load()) return {false, false, 0, "stopped"};
        if (s_->results.empty()) return {true, false, 250, ""};
        auto r = s_->results.front();
        s_->results.erase(s_->results.begin());
        return r;
    }

private:
    std::shared_ptr<scripted> s_;
};

struct outcome {
    std::mutex m;
    std::condition_variable cv;
    std::vector<send_result> results;
    void add(send_result r) {
        std::lock_guard<std::mutex> lock(m);
        results.push_back(r);
        cv.notify_all();
    }
    std::vector<send_result> wait_for(std::size_t n) {
        std::unique_lock<std::mutex> lock(m);
        cv.wait_for(lock, 5s, [&] { return results.size() >= n; });
        return results;
    }
};

// A sample of the process's metrics (0 when absent).
double sample(const std::string& series) {
    const auto text = profiledesk::metrics::default_registry().expose();
    const auto at = text.find("\n" + series + " ");
    return at == std::string::npos ? 0 : std::stod(text.substr(at + series.size() + 2));
}

const message good{"ana@example.com", "Subject", "Text", ""};

queue_settings fast(std::size_t capacity = 4) {
    queue_settings q;
    q.from = "no-reply@desk.example.com";
    q.capacity = capacity;
    q.first_retry = 10ms;
    q.max_retry = 40ms;
    return q;
}

}  // namespace

TEST_CASE("mail queue: transient failures are retried until sent; a permanent one is not") {
    auto s = std::make_shared<scripted>();
    s->results = {{false, false, 421, "try later"}, {false, false, 0, "connect failed"}};
    auto out = std::make_shared<outcome>();
    const auto sent = sample("profiledesk_mail_total{result=\"sent\"}");
    const auto failed = sample("profiledesk_mail_total{result=\"failed\"}");
    const auto retries = sample("profiledesk_mail_retries_total");
    {
        const auto mailer = make_queued_mailer(std::make_unique<scripted_transport>(s), fast());
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });
        CHECK(out->wait_for(1) == std::vector<send_result>{send_result::sent});
        CHECK(s->attempts == 3);
        CHECK(sample("profiledesk_mail_total{result=\"sent\"}") == sent + 1);
        CHECK(sample("profiledesk_mail_retries_total") == retries + 2);

        s->results = {{false, true, 550, "refused"}};
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });
        CHECK(out->wait_for(2).back() == send_result::failed);
        CHECK(s->attempts == 4);
        CHECK(sample("profiledesk_mail_total{result=\"failed\"}") == failed + 1);
    }
}

TEST_CASE("mail queue: failing past the deadline ends failed, before the deadline") {
    auto s = std::make_shared<scripted>();
    s->results.assign(1000, {false, false, 0, "down"});
    auto out = std::make_shared<outcome>();
    const auto mailer = make_queued_mailer(std::make_unique<scripted_transport>(s), fast());
    const auto start = std::chrono::steady_clock::now();
    mailer->send(good, 150ms, [out](send_result r) { out->add(r); });
    CHECK(out->wait_for(1) == std::vector<send_result>{send_result::failed});
    CHECK(std::chrono::steady_clock::now() - start < 150ms + 100ms);
    CHECK(s->attempts >= 3);  // 0, 10, 30, 70 ms...
}

TEST_CASE("mail queue: full, refused and shut down each end with done() exactly once") {
    auto s = std::make_shared<scripted>();
    s->hold = true;
    auto out = std::make_shared<outcome>();
    {
        const auto mailer = make_queued_mailer(std::make_unique<scripted_transport>(s), fast(2));
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });  // taken by the worker, held
        {
            std::unique_lock<std::mutex> lock(s->m);
            s->cv.wait_for(lock, 5s, [&] { return s->attempts == 1; });
        }
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });  // waits
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });  // waits: the queue is full now
        mailer->send(good, 5s, [out](send_result r) { out->add(r); });  // full: failed at once, inline
        CHECK(out->results == std::vector<send_result>{send_result::failed});
        auto injected = good;
        injected.to = "ana@example.com\r\nBcc: eve@example.com";
        mailer->send(injected, 5s, [out](send_result r) { out->add(r); });  // refused inline
        CHECK(out->results.size() == 2);
    }  // shutdown: the held attempt is abandoned, the two waiting fail
    CHECK(out->results.size() == 5);
    for (const auto r : out->results) CHECK(r == send_result::failed);
}
