#include "http/per_client_budget.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;
using namespace std::chrono_literals;

namespace {
const per_client_budget::clock::time_point t0{};

request from(const char* peer, std::initializer_list<const char*> forwarded = {}) {
    request req{beast_http::verb::get, "/login", 11};
    req.set(client_address_field, peer);
    for (const char* line : forwarded) req.insert("X-Forwarded-For", line);
    return req;
}
}  // namespace

TEST_CASE("per-client budget: a burst, then one request per refill interval") {
    per_client_budget t({3, 0.5});  // 3 at once, then one every 2 s
    double wait = 0;
    CHECK(t.take("1.2.3.4", t0, wait));
    CHECK(t.take("1.2.3.4", t0, wait));
    CHECK(t.take("1.2.3.4", t0, wait));
    CHECK(wait == 0);
    CHECK_FALSE(t.take("1.2.3.4", t0, wait));
    CHECK(wait == Approx(2.0));
    CHECK_FALSE(t.take("1.2.3.4", t0 + 1s, wait));
    CHECK(wait == Approx(1.0));
    CHECK(t.take("1.2.3.4", t0 + 2s, wait));
    CHECK_FALSE(t.take("1.2.3.4", t0 + 2s, wait));
    SECTION("a long pause refills to the burst, never past it") {
        for (int i = 0; i < 3; ++i) CHECK(t.take("1.2.3.4", t0 + 1h, wait));
        CHECK_FALSE(t.take("1.2.3.4", t0 + 1h, wait));
    }
}

TEST_CASE("per-client budget: each client has its own budget") {
    per_client_budget t({1, 0.1});
    double wait = 0;
    CHECK(t.take("1.2.3.4", t0, wait));
    CHECK_FALSE(t.take("1.2.3.4", t0, wait));
    CHECK(t.take("5.6.7.8", t0, wait));
    CHECK(t.take("::1", t0, wait));
}

TEST_CASE("per-client budget: memory is bounded, the least recently seen client goes first") {
    per_client_budget t({1, 0.001, 2});
    double wait = 0;
    CHECK(t.take("a", t0, wait));
    CHECK(t.take("b", t0, wait));
    CHECK_FALSE(t.take("a", t0, wait));  // a is now the most recent
    CHECK(t.take("c", t0, wait));        // b is forgotten, a kept
    CHECK_FALSE(t.take("a", t0, wait));
    CHECK(t.take("b", t0, wait));  // forgotten: a fresh budget
}

TEST_CASE("client address: the peer unless proxies are trusted") {
    SECTION("no proxy: X-Forwarded-For is anyone's to write, so it is ignored") {
        CHECK(client_address(from("10.0.0.9", {"1.1.1.1"}), 0) == "10.0.0.9");
    }
    SECTION("one proxy: the address it appended, the rightmost") {
        CHECK(client_address(from("10.0.0.9", {"6.6.6.6, 203.0.113.7"}), 1) == "203.0.113.7");
        CHECK(client_address(from("10.0.0.9", {"6.6.6.6", "203.0.113.7"}), 1) == "203.0.113.7");
    }
    SECTION("two proxies: the second from the right") {
        CHECK(client_address(from("10.0.0.9", {"6.6.6.6, 203.0.113.7 ,10.0.0.2"}), 2) == "203.0.113.7");
    }
    SECTION("fewer hops than proxies: the header is not our proxies', the peer counts") {
        CHECK(client_address(from("10.0.0.9", {"203.0.113.7"}), 2) == "10.0.0.9");
        CHECK(client_address(from("10.0.0.9"), 1) == "10.0.0.9");
    }
}

TEST_CASE("per-client budget: over budget, the handler is not called and the answer says when to come back") {
    auto throttle = std::make_shared<per_client_budget>(per_client_budget::limits{1, 0.25});
    int called = 0;
    const handler h = throttled(
        [&called](request&&, responder respond) {
            ++called;
            respond(response{beast_http::status::ok, 11});
        },
        throttle, 0,
        [](unsigned wait) {
            response res{beast_http::status::too_many_requests, 11};
            res.body() = std::to_string(wait);
            return res;
        },
        [](unsigned version) {
            return response{beast_http::status::service_unavailable, version};
        });
    response last;
    const responder keep = [&last](response r) { last = std::move(r); };
    h(from("1.2.3.4"), keep);
    CHECK(last.result() == beast_http::status::ok);
    h(from("1.2.3.4"), keep);
    CHECK(called == 1);
    CHECK(last.result() == beast_http::status::too_many_requests);
    CHECK(std::string(last[beast_http::field::retry_after]) == "4");
    CHECK(last.body() == "4");
}
