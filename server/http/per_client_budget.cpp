#include "per_client_budget.hpp"

#include "client_key.hpp"
#include "request_id.hpp"
#include "responses.hpp"

#include "profiledesk/core/api_errors.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace profiledesk::http {

per_client_budget::per_client_budget(limits l) : limits_(l) {
    limits_.burst = std::max(1.0, limits_.burst);
    limits_.per_second = std::max(1e-6, limits_.per_second);
    limits_.max_clients = std::max<std::size_t>(1, limits_.max_clients);
}

bool per_client_budget::take(std::string_view address, clock::time_point now, double& retry_after) {
    const auto client = client_key(address);
    const std::lock_guard lock(mutex_);
    auto it = buckets_.find(client);
    if (it == buckets_.end()) {
        if (buckets_.size() >= limits_.max_clients) {
            // Forgetting a client refills its budget: only the least recently seen go.
            buckets_.erase(recent_.back());
            recent_.pop_back();
        }
        recent_.emplace_front(client);
        it = buckets_.emplace(client, bucket{core::token_bucket(limits_.burst, limits_.per_second), recent_.begin()})
                 .first;
    } else {
        recent_.splice(recent_.begin(), recent_, it->second.age);
    }
    core::token_bucket& budget = it->second.budget;
    if (budget.take(std::chrono::duration<double>(now.time_since_epoch()).count())) {
        retry_after = 0;
        return true;
    }
    retry_after = budget.seconds_to_next_token();
    return false;
}

void per_client_budget::take(const std::string& client, state::callback<budget_verdict> done) {
    budget_verdict verdict;
    verdict.granted = take(client, clock::now(), verdict.retry_after);
    done(state::outcome<budget_verdict>::of(verdict));
}

std::string client_address(const request& req, unsigned trusted_proxies) {
    const std::string peer(req[client_address_field]);
    if (trusted_proxies == 0) return peer;
    // Every X-Forwarded-For line, as one comma-separated list, left to right.
    std::vector<std::string> hops;
    const auto [first, last] = req.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
        std::string_view list(field->value().data(), field->value().size());
        while (!list.empty()) {
            const auto comma = list.find(',');
            auto item = list.substr(0, comma);
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
            while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
            while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
            hops.emplace_back(item);
        }
    }
    if (hops.size() < trusted_proxies) return peer;
    const std::string& seen = hops[hops.size() - trusted_proxies];
    return seen.empty() ? peer : seen;
}

handler throttled(handler h, std::shared_ptr<client_budget> budget, unsigned trusted_proxies,
                  std::function<response(unsigned)> refused, std::function<response(unsigned)> unavailable) {
    return [h = std::move(h), budget = std::move(budget), trusted_proxies, refused = std::move(refused),
            unavailable = std::move(unavailable)](request&& req, responder respond) {
        const auto client = client_address(req, trusted_proxies);
        // Kept alive until the budget answers, which may be later, on another thread.
        auto held = std::make_shared<request>(std::move(req));
        budget->take(client, [h, held, respond, refused, unavailable](state::outcome<budget_verdict> verdict) {
            if (!verdict.available()) return respond(unavailable(held->version()));
            if (!verdict.value->granted) {
                const double wait = verdict.value->retry_after;
                auto res = refused(static_cast<unsigned>(std::ceil(wait)));
                res.set(beast_http::field::retry_after,
                        std::to_string(static_cast<unsigned>(std::max(1.0, std::ceil(wait)))));
                return respond(std::move(res));
            }
            const auto rid = request_id_of(*held);
            try {
                h(std::move(*held), respond);
            } catch (const std::exception& e) {
                // Off the connection's own call, its catch does not see this: the
                // same answer as there (connection.cpp), one request lost, not the process.
                log::error(rid, "http: handler failed", {{"error", log::text(e.what())}});
                respond(error_response(beast_http::status::internal_server_error, core::api_error::internal_error,
                                       "Something went wrong on our side. Please try again."));
            }
        });
    };
}

}  // namespace profiledesk::http
