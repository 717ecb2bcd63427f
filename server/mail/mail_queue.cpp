#include "mail/mail_queue.hpp"

#include "crypto/random.hpp"
#include "log/log.hpp"
#include "mail/message_builder.hpp"
#include "metrics/server_metrics.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace profiledesk::mail {
namespace {

using clock = std::chrono::steady_clock;

struct queued {
    std::string to;
    std::string data;  // the built message
    clock::time_point deadline;
    clock::time_point next_attempt;
    unsigned attempts = 0;
    std::function<void(send_result)> done;
};

// A token for the Message-ID and the MIME boundary: letters, digits, '-', '_'.
std::string unique_token() { return crypto::random_token(18); }

class queued_mailer final : public mailer {
public:
    queued_mailer(std::unique_ptr<transport> t, queue_settings s) : transport_(std::move(t)), settings_(std::move(s)) {
        worker_ = std::thread([this] { run(); });
    }

    ~queued_mailer() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        stop_.store(true);
        wake_.notify_all();
        worker_.join();
        // Whatever still waits fails now: done() exactly once, even at shutdown.
        for (auto& item : items_) finish(item, send_result::failed, "mail failed: the server is shutting down", {});
    }

    void send(message m, std::chrono::milliseconds deadline, std::function<void(send_result)> done) override {
        build_input in{settings_.from, std::chrono::system_clock::now(), unique_token()};
        auto built = build_message(m, in);
        if (!built.ok()) {
            log::warn("mail refused: not a message we send", {{"reason", log::text(built.reason)}});
            metrics::server().mail_result(false);
            done(send_result::failed);
            return;
        }
        const auto now = clock::now();
        queued item{std::move(m.to), std::move(built.data), now + deadline, now, 0, std::move(done)};
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!stopping_ && items_.size() < settings_.capacity) {
                items_.push_back(std::move(item));
                wake_.notify_one();
                return;
            }
        }
        log::warn("mail failed: the queue is full", {{"capacity", settings_.capacity}});
        metrics::server().mail_result(false);
        item.done(send_result::failed);
    }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            if (items_.empty()) {
                wake_.wait(lock);
                continue;
            }
            const auto due = std::min_element(items_.begin(), items_.end(), [](const queued& a, const queued& b) {
                return a.next_attempt < b.next_attempt;
            });
            if (due->next_attempt > clock::now()) {
                wake_.wait_until(lock, due->next_attempt);
                continue;
            }
            queued item = std::move(*due);
            items_.erase(due);
            lock.unlock();
            attempt(item);
            lock.lock();
            if (item.done) items_.push_back(std::move(item));  // to be tried again
        }
    }

    // One attempt; leaves item.done set when the item goes back to the queue.
    void attempt(queued& item) {
        const auto now = clock::now();
        if (now >= item.deadline) {
            finish(item, send_result::failed, "mail failed: the deadline passed in the queue", {});
            return;
        }
        ++item.attempts;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(item.deadline - now);
        const attempt_result r = transport_->deliver(settings_.from, item.to, item.data, left, stop_);
        if (r.sent) {
            finish(item, send_result::sent, "mail sent", r);
            return;
        }
        if (r.permanent) {
            finish(item, send_result::failed, "mail failed: the server refused it", r);
            return;
        }
        // 0.5 s, 1 s, 2 s, ... (at most max_retry): a server that is restarting gets room to come back.
        const auto doublings = std::min(item.attempts - 1, 16u);
        const std::chrono::milliseconds wait = std::min<std::chrono::milliseconds>(
            settings_.max_retry, settings_.first_retry * (1LL << doublings));
        item.next_attempt = clock::now() + wait;
        if (item.next_attempt >= item.deadline || stop_.load()) {
            finish(item, send_result::failed, "mail failed: still failing at the deadline", r);
            return;
        }
        log::info("mail: attempt failed, trying again", {{"attempts", item.attempts},
                                                         {"smtp_status", r.smtp_status},
                                                         {"error", log::text(r.error)},
                                                         {"retry_in_ms", static_cast<long long>(wait.count())}});
        metrics::server().mail_retry();
    }

    void finish(queued& item, send_result result, const log::message& what, const attempt_result& r) {
        const bool sent = result == send_result::sent;
        const std::initializer_list<log::field> fields{
            {"attempts", item.attempts}, {"smtp_status", r.smtp_status}, {"error", log::text(r.error)}};
        if (sent) {
            log::info(what, fields);
        } else {
            log::warn(what, fields);
        }
        metrics::server().mail_result(sent);
        auto done = std::move(item.done);
        item.done = nullptr;
        done(result);
    }

    const std::unique_ptr<transport> transport_;
    const queue_settings settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<queued> items_;  // at most capacity: a linear search for the due one is cheap
    bool stopping_ = false;
    std::atomic<bool> stop_{false};  // read by a transport during an attempt
    std::thread worker_;
};

}  // namespace

std::shared_ptr<mailer> make_queued_mailer(std::unique_ptr<transport> t, queue_settings s) {
    return std::make_shared<queued_mailer>(std::move(t), std::move(s));
}

}  // namespace profiledesk::mail
