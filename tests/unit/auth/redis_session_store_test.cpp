// The Redis-backed session store against a real redis-server: two store
// objects on two clients play two instances sharing one Redis.
#include "auth/redis_session_store.hpp"

#include "auth/redis_fixture.hpp"
#include "auth/session_calls.hpp"
#include "redis/keys.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

using namespace profiledesk;
using namespace profiledesk::testing;
using namespace std::chrono_literals;
using auth::session_user;

namespace {

const redis::key_space keys("test:");

session_user ada() {
    return {"auth0|ada", "Ada Lovelace", "https://example.com/ada.png", "ada@example.com",
            "Username-Password-Authentication"};
}

session_user someone(const std::string& sub) {
    auto u = ada();
    u.sub = sub;
    return u;
}

std::string session_key(const std::string& id) { return keys.global("session:" + redis::key_space::digest(id)); }
std::string index_key(const std::string& sub) { return keys.user(sub, "sessions"); }

auth::session_store::time_point now() { return std::chrono::system_clock::now(); }

std::shared_ptr<auth::session_store> store_on(io_threads& io, const redis_server& server,
                                              auth::session_timeouts timeouts = {30min, 12h},
                                              std::size_t max_per_user = 20,
                                              std::chrono::milliseconds command_timeout = 1000ms) {
    return auth::make_redis_session_store(connect(io, server), keys, timeouts, max_per_user, command_timeout);
}

}  // namespace

TEST_CASE("redis sessions: create, then find from another instance, which touches the session") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server);
    auto b = store_on(io, server);
    const auto t0 = now();
    const auto s = create(*a, ada(), 1'699'999'990, t0);
    CHECK(s.id.size() == 43);  // 32 random bytes, base64url
    CHECK(s.csrf_token.size() == 43);
    CHECK(s.id != s.csrf_token);

    const auto found = find(*b, s.id, t0 + 1s);
    REQUIRE(found);
    CHECK(found->id == s.id);
    CHECK(found->csrf_token == s.csrf_token);
    CHECK(found->user.sub == "auth0|ada");
    CHECK(found->user.name == "Ada Lovelace");
    CHECK(found->user.email == "ada@example.com");
    CHECK(found->user.connection == "Username-Password-Authentication");
    CHECK(found->auth_time == 1'699'999'990);
    CHECK(std::chrono::abs(found->created - t0) < 1ms);
    CHECK(std::chrono::abs(found->last_seen - (t0 + 1s)) < 1ms);
    SECTION("the idle timeout is Redis's own expiry") {
        const auto pttl = cli_number(server, "PTTL " + session_key(s.id));
        CHECK(pttl > 29 * 60 * 1000);
        CHECK(pttl <= 30 * 60 * 1000);
    }
    SECTION("a clock behind the last use does not make the session older") {
        const auto again = find(*a, s.id, t0);
        REQUIRE(again);
        CHECK(std::chrono::abs(again->last_seen - (t0 + 1s)) < 1ms);
    }
    SECTION("unknown and empty ids find nothing") {
        CHECK_FALSE(find(*a, "", t0));
        CHECK_FALSE(find(*a, "nope", t0));
        CHECK_FALSE(find(*a, redis::key_space::digest(s.id), t0));
    }
    SECTION("update_user changes the claims everywhere, and nothing else") {
        auto renamed = ada();
        renamed.name = "Augusta Ada King";
        renamed.picture = "https://example.com/new.png";
        update_user(*a, s.id, renamed);
        const auto seen = find(*b, s.id, t0 + 2s);
        REQUIRE(seen);
        CHECK(seen->user.name == "Augusta Ada King");
        CHECK(seen->user.picture == "https://example.com/new.png");
        CHECK(seen->csrf_token == s.csrf_token);
        CHECK(seen->auth_time == s.auth_time);
    }
    SECTION("update_user of an unknown id creates nothing") {
        update_user(*a, "unknown", ada());
        CHECK(server.cli("EXISTS " + session_key("unknown")) == "0\n");
    }
}

TEST_CASE("redis sessions: idle ones expire in Redis, and each use gives them the idle time again") {
    redis_server server;
    io_threads io;
    auto store = store_on(io, server, {2s, 60s});
    const auto s = create(*store, ada(), 0, now());
    const auto key = session_key(s.id);
    CHECK(cli_number(server, "PTTL " + key) <= 2000);
    // Half the idle time later a use refreshes it...
    std::this_thread::sleep_for(1s);
    REQUIRE(find(*store, s.id, now()));
    CHECK(cli_number(server, "PTTL " + key) > 1500);
    // ...and unused, it is gone about one idle time after that.
    CHECK(eventually([&] { return server.cli("EXISTS " + key) == "0\n"; }, 4s));
    CHECK_FALSE(find(*store, s.id, now()));
}

TEST_CASE("redis sessions: the absolute lifetime is kept, whatever the use and the other instances' setting") {
    redis_server server;
    io_threads io;
    auto store = store_on(io, server, {2s, 2s});
    const auto t0 = now();
    const auto s = create(*store, ada(), 0, t0);
    // Used a second after sign-in: idle would give it 2 s more, but only 1 s
    // of its life is left, and the expiry is the smaller.
    REQUIRE(find(*store, s.id, t0 + 1s));
    CHECK(cli_number(server, "PTTL " + session_key(s.id)) <= 1000);
    SECTION("past its lifetime it is gone, and deleted") {
        CHECK_FALSE(find(*store, s.id, t0 + 2s));
        CHECK(server.cli("EXISTS " + session_key(s.id)) == "0\n");
    }
    SECTION("an instance with a longer lifetime setting does not stretch it") {
        auto longer = store_on(io, server, {2s, 12h});
        CHECK_FALSE(find(*longer, s.id, t0 + 2s));
    }
}

TEST_CASE("redis sessions: erase ends one session and leaves the user's index") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server);
    auto b = store_on(io, server);
    const auto t0 = now();
    const auto one = create(*a, ada(), 0, t0);
    const auto two = create(*a, ada(), 0, t0 + 1ms);
    erase(*b, one.id);
    CHECK_FALSE(find(*a, one.id, t0 + 1s));
    CHECK(find(*a, two.id, t0 + 1s));
    CHECK(server.cli("ZCARD " + index_key("auth0|ada")) == "1\n");
    SECTION("an unknown or empty id is no error") {
        erase(*a, "unknown");
        erase(*a, "");
        erase(*a, one.id);
        CHECK(find(*a, two.id, t0 + 1s));
    }
}

TEST_CASE("redis sessions: erase_user ends every session of the user, whichever instance made it") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server);
    auto b = store_on(io, server);
    const auto t0 = now();
    const auto laptop = create(*a, ada(), 0, t0);
    const auto phone = create(*b, ada(), 0, t0 + 1ms);
    const auto tablet = create(*a, ada(), 0, t0 + 2ms);
    const auto grace = create(*b, someone("auth0|grace"), 0, t0 + 3ms);
    CHECK(erase_user(*b, "auth0|ada") == 3);
    for (const auto* s : {&laptop, &phone, &tablet}) {
        CHECK_FALSE(find(*a, s->id, t0 + 1s));
        CHECK_FALSE(find(*b, s->id, t0 + 1s));
    }
    CHECK(find(*a, grace.id, t0 + 1s));
    CHECK(server.cli("EXISTS " + index_key("auth0|ada")) == "0\n");
    SECTION("again, or for someone with no sessions: none") {
        CHECK(erase_user(*a, "auth0|ada") == 0);
        CHECK(erase_user(*a, "") == 0);
    }
    SECTION("sessions that already expired are not counted") {
        const auto x = create(*a, ada(), 0, t0 + 4ms);
        create(*a, ada(), 0, t0 + 5ms);
        server.cli("DEL " + session_key(x.id));  // as Redis's expiry would
        CHECK(erase_user(*b, "auth0|ada") == 1);
    }
}

TEST_CASE("redis sessions: a user holds at most max_per_user; a sign-in past that ends their oldest") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server, {30min, 12h}, 3);
    auto b = store_on(io, server, {30min, 12h}, 3);
    const auto t0 = now();
    const auto grace = create(*a, someone("auth0|grace"), 0, t0);
    const auto first = create(*a, ada(), 0, t0);
    const auto second = create(*b, ada(), 0, t0 + 1s);
    const auto third = create(*a, ada(), 0, t0 + 2s);
    REQUIRE(find(*a, first.id, t0 + 3s));  // the oldest is the one signed in first, used or not
    const auto fourth = create(*b, ada(), 0, t0 + 4s);
    CHECK_FALSE(find(*a, first.id, t0 + 5s));
    CHECK(find(*a, second.id, t0 + 5s));
    CHECK(find(*a, third.id, t0 + 5s));
    CHECK(find(*a, fourth.id, t0 + 5s));
    CHECK(find(*a, grace.id, t0 + 5s));
    CHECK(server.cli("ZCARD " + index_key("auth0|ada")) == "3\n");
    SECTION("an entry whose session expired makes room before a live one goes") {
        server.cli("DEL " + session_key(third.id));  // as Redis's expiry would
        const auto fifth = create(*a, ada(), 0, t0 + 6s);
        CHECK(find(*a, second.id, t0 + 7s));
        CHECK(find(*a, fourth.id, t0 + 7s));
        CHECK(find(*a, fifth.id, t0 + 7s));
        CHECK(server.cli("ZCARD " + index_key("auth0|ada")) == "3\n");
    }
    SECTION("many more sign-ins still leave the newest three") {
        std::vector<auth::session> latest;
        for (int i = 0; i < 10; ++i) latest.push_back(create(*b, ada(), 0, t0 + 10s + std::chrono::seconds(i)));
        CHECK(server.cli("ZCARD " + index_key("auth0|ada")) == "3\n");
        for (int i = 7; i < 10; ++i) CHECK(find(*a, latest[i].id, t0 + 30s));
        CHECK_FALSE(find(*a, latest[6].id, t0 + 30s));
        CHECK(find(*a, grace.id, t0 + 30s));
    }
}

TEST_CASE("redis sessions: ids are stored only as SHA-256 digests") {
    redis_server server;
    io_threads io;
    auto store = store_on(io, server);
    const auto s = create(*store, ada(), 0, now());
    const auto listed = server.cli("KEYS '*'");
    CHECK(listed.find(s.id) == std::string::npos);
    CHECK(listed.find(redis::key_space::digest(s.id)) != std::string::npos);
    CHECK(server.cli("HGETALL " + session_key(s.id)).find(s.id) == std::string::npos);
    CHECK(server.cli("ZRANGE " + index_key("auth0|ada") + " 0 -1") == redis::key_space::digest(s.id) + "\n");
}

TEST_CASE("redis sessions: Redis unreachable answers unavailable by the deadline, and service returns by itself") {
    redis_server server;
    io_threads io;
    auto store = store_on(io, server, {30min, 12h}, 20, 300ms);
    const auto s = create(*store, ada(), 0, now());
    const auto timed = [&](auto&& call) {
        const auto start = std::chrono::steady_clock::now();
        const bool available = call();
        const auto took = std::chrono::steady_clock::now() - start;
        CHECK(took < 1000ms);  // the 300 ms deadline, with room for a loaded machine
        return available;
    };
    const auto find_available = [&] {
        return await_outcome<std::optional<auth::session>>([&](auto done) { store->find(s.id, now(), done); })
            .available();
    };
    SECTION("stopped") {
        server.stop();
        CHECK_FALSE(timed(find_available));
        CHECK_FALSE(timed([&] {
            return await_outcome<auth::session>([&](auto done) { store->create(ada(), 0, now(), done); }).available();
        }));
        CHECK_FALSE(timed(
            [&] { return await_outcome<state::done>([&](auto done) { store->erase(s.id, done); }).available(); }));
        CHECK_FALSE(timed([&] {
            return await_outcome<std::size_t>([&](auto done) { store->erase_user("auth0|ada", done); }).available();
        }));
        CHECK_FALSE(timed([&] {
            return await_outcome<state::done>([&](auto done) { store->update_user(s.id, ada(), done); }).available();
        }));
        server.restart();  // empty: the session is gone, but the store serves again
        CHECK(eventually(find_available));
        CHECK_FALSE(find(*store, s.id, now()));
        const auto again = create(*store, ada(), 0, now());
        CHECK(find(*store, again.id, now()));
    }
    SECTION("not answering (paused)") {
        server.pause();
        CHECK_FALSE(timed(find_available));
        server.resume();
        CHECK(eventually(find_available));
        CHECK(find(*store, s.id, now()));
    }
}

TEST_CASE("redis sessions: settings the store refuses") {
    redis_server server;
    io_threads io;
    auto c = connect(io, server);
    CHECK_THROWS_AS(auth::make_redis_session_store(c, keys, {0s, 1h}), std::invalid_argument);
    CHECK_THROWS_AS(auth::make_redis_session_store(c, keys, {2h, 1h}), std::invalid_argument);
    CHECK_THROWS_AS(auth::make_redis_session_store(c, keys, {30min, 12h}, 0), std::invalid_argument);
    CHECK_THROWS_AS(auth::make_redis_session_store(c, keys, {30min, 12h}, 20, 0ms), std::invalid_argument);
    CHECK_THROWS_AS(auth::make_redis_session_store(nullptr, keys, {30min, 12h}), std::invalid_argument);
}

TEST_CASE("redis sessions: the origin and the handle are kept, and found by another instance") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server);
    auto b = store_on(io, server);
    const auto s = create(*a, ada(), 0, {"Safari on iPhone", "203.0.113.x"}, now());
    CHECK(s.handle.size() == 22);
    CHECK(s.handle != s.id);
    const auto found = find(*b, s.id, now());
    REQUIRE(found);
    CHECK(found->handle == s.handle);
    CHECK(found->origin.device == "Safari on iPhone");
    CHECK(found->origin.address == "203.0.113.x");
    SECTION("a session an earlier version made, without a handle, gets one that stays") {
        server.cli("HDEL " + session_key(s.id) + " handle device address");
        const auto first = find(*a, s.id, now());
        REQUIRE(first);
        CHECK(first->handle.size() == 22);
        CHECK(first->handle != s.handle);
        CHECK(first->origin.device.empty());
        const auto second = find(*b, s.id, now());
        REQUIRE(second);
        CHECK(second->handle == first->handle);
    }
}

TEST_CASE("redis sessions: list_user lists exactly the user's live sessions, from any instance") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server, {30min, 12h});
    auto b = store_on(io, server, {30min, 12h});
    const auto t0 = now();
    const auto a1 = create(*a, ada(), 0, {"Chrome on Windows", "198.51.100.x"}, t0);
    const auto a2 = create(*b, ada(), 0, {"Safari on iPhone", "203.0.113.x"}, t0 + 1s);
    create(*a, someone("auth0|grace"), 0, {"Firefox on Linux", ""}, t0);

    auto listed = list_user(*b, "auth0|ada", t0 + 2s);
    REQUIRE(listed.size() == 2);
    std::sort(listed.begin(), listed.end(), [](const auto& x, const auto& y) { return x.created < y.created; });
    CHECK(listed[0].handle == a1.handle);
    CHECK(listed[0].origin.device == "Chrome on Windows");
    CHECK(listed[0].origin.address == "198.51.100.x");
    CHECK(std::chrono::abs(listed[0].created - t0) < 1ms);
    CHECK(listed[1].handle == a2.handle);

    SECTION("one gone from Redis (expired) is not listed") {
        server.cli("DEL " + session_key(a1.id));
        const auto later = list_user(*a, "auth0|ada", t0 + 3s);
        REQUIRE(later.size() == 1);
        CHECK(later[0].handle == a2.handle);
    }
    SECTION("one past its absolute lifetime is not listed") { CHECK(list_user(*a, "auth0|ada", t0 + 13h).empty()); }
    SECTION("nobody's list is empty") { CHECK(list_user(*a, "auth0|nobody", t0).empty()); }
}

TEST_CASE("redis sessions: erase_handle ends one session of its own user, and nothing of anyone else") {
    redis_server server;
    io_threads io;
    auto a = store_on(io, server);
    auto b = store_on(io, server);
    const auto t0 = now();
    const auto a1 = create(*a, ada(), 0, t0);
    const auto a2 = create(*b, ada(), 0, t0);
    const auto g = create(*a, someone("auth0|grace"), 0, t0);

    CHECK_FALSE(erase_handle(*b, "auth0|ada", g.handle, t0));
    CHECK(find(*a, g.id, t0));
    CHECK_FALSE(erase_handle(*b, "auth0|ada", "no-such-handle", t0));
    CHECK_FALSE(erase_handle(*b, "auth0|ada", "", t0));
    CHECK_FALSE(erase_handle(*b, "auth0|ada", a1.id, t0));

    CHECK(erase_handle(*b, "auth0|ada", a1.handle, t0));
    CHECK_FALSE(find(*a, a1.id, t0));
    CHECK(find(*a, a2.id, t0));
    CHECK(server.cli("ZRANGE " + index_key("auth0|ada") + " 0 -1") == redis::key_space::digest(a2.id) + "\n");
    CHECK_FALSE(erase_handle(*a, "auth0|ada", a1.handle, t0));
    SECTION("sign out everywhere still reaches what is left") { CHECK(erase_user(*a, "auth0|ada") == 1); }
}
