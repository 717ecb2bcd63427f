#include "auth/session_store.hpp"

#include "auth/session_calls.hpp"

#include "crypto/digest.hpp"
#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using profiledesk::auth::make_memory_session_store;
using profiledesk::auth::memory_session_store;
using profiledesk::auth::session;
using profiledesk::auth::session_store;
using profiledesk::auth::session_timeouts;
using profiledesk::auth::session_user;
using namespace profiledesk::testing;
using namespace std::chrono_literals;

namespace {

// An injected clock: tests move time by hand, nothing sleeps.
const auto t0 = std::chrono::system_clock::time_point{} + std::chrono::seconds{1'700'000'000};

session_timeouts timeouts(std::chrono::seconds idle = 30min, std::chrono::seconds absolute = 12h) {
    return {idle, absolute};
}

session_user ada() {
    return {"auth0|ada", "Ada Lovelace", "https://example.com/ada.png", "ada@example.com",
            "Username-Password-Authentication"};
}

// Another user, told apart by sub.
session_user someone(const std::string& sub) {
    auto u = ada();
    u.sub = sub;
    return u;
}

}  // namespace

TEST_CASE("create makes a session with fresh random secrets") {
    memory_session_store store(timeouts());
    const auto s = create(store, ada(), 1'699'999'990, t0);
    SECTION("the id and the CSRF token are 256 random bits, base64url") {
        REQUIRE(profiledesk::core::base64url_decode(s.id));
        CHECK(profiledesk::core::base64url_decode(s.id)->size() == 32);
        CHECK(profiledesk::core::base64url_decode(s.csrf_token)->size() == 32);
        CHECK(s.id != s.csrf_token);
    }
    SECTION("it remembers the user, the sign-in time and when it was made") {
        CHECK(s.user.sub == "auth0|ada");
        CHECK(s.user.connection == "Username-Password-Authentication");
        CHECK(s.auth_time == 1'699'999'990);
        CHECK(s.created == t0);
        CHECK(s.last_seen == t0);
    }
    SECTION("find returns the same session") {
        const auto found = find(store, s.id, t0 + 1s);
        REQUIRE(found);
        CHECK(found->id == s.id);
        CHECK(found->csrf_token == s.csrf_token);
        CHECK(found->user.email == "ada@example.com");
        CHECK(found->auth_time == s.auth_time);
        CHECK(found->created == t0);
    }
}

TEST_CASE("session fixation: create never hands out an id anyone has seen") {
    auto store = make_memory_session_store(timeouts());
    SECTION("every create is a new id, for the same user too") {
        std::set<std::string> ids;
        for (int i = 0; i < 500; ++i) ids.insert(create(*store, ada(), 0, t0).id);
        CHECK(ids.size() == 500);
    }
    SECTION("signing in again gives a new id; the old session stays separate until erased") {
        const auto before = create(*store, ada(), 0, t0);
        const auto after = create(*store, ada(), 0, t0 + 1s);
        CHECK(after.id != before.id);
        CHECK(after.csrf_token != before.csrf_token);
        erase(*store, before.id);  // what /callback does with the cookie it was sent
        CHECK_FALSE(find(*store, before.id, t0 + 2s));
        CHECK(find(*store, after.id, t0 + 2s));
    }
    SECTION("an id an attacker planted in the browser is not a session, and creating one does not adopt it") {
        const std::string planted = "attacker-chosen-session-id-AAAAAAAAAAAAAAAAAAA";
        CHECK_FALSE(find(*store, planted, t0));
        const auto s = create(*store, ada(), 0, t0);
        CHECK(s.id != planted);
        CHECK_FALSE(find(*store, planted, t0));
    }
}

TEST_CASE("find refuses unknown ids") {
    memory_session_store store(timeouts());
    create(store, ada(), 0, t0);
    CHECK_FALSE(find(store, "", t0));
    CHECK_FALSE(find(store, "nope", t0));
    SECTION("nor the stored key itself (a leaked dump is not a cookie)") {
        for (const auto& key : store.stored_keys()) {
            CHECK_FALSE(find(store, key, t0));
            CHECK_FALSE(find(store, profiledesk::core::base64url_encode(key), t0));
        }
    }
}

TEST_CASE("idle timeout: a session unused for the idle time ends") {
    memory_session_store store(timeouts(30min, 12h));
    const auto s = create(store, ada(), 0, t0);
    SECTION("alive one second before, gone at the idle time") {
        CHECK(find(store, s.id, t0 + 30min - 1s));
        CHECK_FALSE(find(store, s.id, t0 + 30min - 1s + 30min));
    }
    SECTION("gone exactly at the idle time") { CHECK_FALSE(find(store, s.id, t0 + 30min)); }
    SECTION("each use restarts the idle clock") {
        const auto seen = find(store, s.id, t0 + 20min);
        REQUIRE(seen);
        CHECK(seen->last_seen == t0 + 20min);
        CHECK(find(store, s.id, t0 + 40min));  // 20 min after the last use
        CHECK(find(store, s.id, t0 + 69min));  // 29 min after the last use
        CHECK_FALSE(find(store, s.id, t0 + 99min));
    }
    SECTION("an expired session is erased: a clock stepping back does not revive it") {
        CHECK_FALSE(find(store, s.id, t0 + 31min));
        CHECK(store.size() == 0);
        CHECK_FALSE(find(store, s.id, t0 + 1min));
    }
    SECTION("a clock stepping back does not move last_seen back") {
        REQUIRE(find(store, s.id, t0 + 20min));
        const auto seen = find(store, s.id, t0 + 10min);
        REQUIRE(seen);
        CHECK(seen->last_seen == t0 + 20min);
    }
    SECTION("update_user does not count as use") {
        update_user(store, s.id, ada());
        CHECK_FALSE(find(store, s.id, t0 + 30min));
    }
}

TEST_CASE("absolute lifetime: a session ends at created + absolute, however busy") {
    memory_session_store store(timeouts(30min, 2h));
    const auto s = create(store, ada(), 0, t0);
    for (auto t = t0 + 20min; t < t0 + 2h; t += 20min) {
        INFO("minute " << std::chrono::duration_cast<std::chrono::minutes>(t - t0).count());
        REQUIRE(find(store, s.id, t));
    }
    CHECK(find(store, s.id, t0 + 2h - 1s));
    CHECK_FALSE(find(store, s.id, t0 + 2h));
    CHECK(store.size() == 0);
}

TEST_CASE("erase ends a session at once (logout)") {
    memory_session_store store(timeouts());
    const auto a = create(store, ada(), 0, t0);
    const auto b = create(store, ada(), 0, t0);
    erase(store, a.id);
    CHECK_FALSE(find(store, a.id, t0 + 1s));
    CHECK(find(store, b.id, t0 + 1s));  // only that one
    SECTION("erasing an unknown or erased id does nothing") {
        erase(store, a.id);
        erase(store, "unknown");
        erase(store, "");
        CHECK(store.size() == 1);
    }
}

TEST_CASE("erase_user ends every session of that user, and only theirs (sign out everywhere)") {
    memory_session_store store(timeouts());
    auto grace = ada();
    grace.sub = "auth0|grace";
    const auto laptop = create(store, ada(), 0, t0);
    const auto phone = create(store, ada(), 0, t0 + 1s);
    const auto other = create(store, grace, 0, t0 + 2s);
    CHECK(erase_user(store, "auth0|ada") == 2);
    CHECK_FALSE(find(store, laptop.id, t0 + 3s));
    CHECK_FALSE(find(store, phone.id, t0 + 3s));
    CHECK(find(store, other.id, t0 + 3s));
    CHECK(store.size() == 1);
    SECTION("again, or for a user with none, ends nothing") {
        CHECK(erase_user(store, "auth0|ada") == 0);
        CHECK(erase_user(store, "") == 0);
        CHECK(store.size() == 1);
    }
    SECTION("sessions that ended otherwise are not counted, and new ones are found") {
        const auto a = create(store, ada(), 0, t0 + 4s);
        const auto b = create(store, ada(), 0, t0 + 5s);
        erase(store, a.id);
        auto renamed = ada();
        renamed.name = "Augusta Ada King";
        update_user(store, b.id, renamed);
        CHECK(erase_user(store, "auth0|ada") == 1);
        CHECK_FALSE(find(store, b.id, t0 + 6s));
    }
    SECTION("evicted and expired sessions leave the index too") {
        memory_session_store small(timeouts(30min, 12h), 1);
        create(small, ada(), 0, t0);
        const auto g = create(small, grace, 0, t0 + 1s);  // evicts Ada's
        CHECK(erase_user(small, "auth0|ada") == 0);
        small.purge_expired(t0 + 2h);
        CHECK(erase_user(small, "auth0|grace") == 0);
        CHECK_FALSE(find(small, g.id, t0 + 2h));
    }
}

TEST_CASE("update_user replaces the user summary and nothing else") {
    memory_session_store store(timeouts());
    const auto s = create(store, ada(), 42, t0);
    auto renamed = ada();
    renamed.name = "Augusta Ada King";
    renamed.picture = "https://example.com/new.png";
    update_user(store, s.id, renamed);
    const auto found = find(store, s.id, t0 + 1s);
    REQUIRE(found);
    CHECK(found->user.name == "Augusta Ada King");
    CHECK(found->user.picture == "https://example.com/new.png");
    CHECK(found->csrf_token == s.csrf_token);
    CHECK(found->auth_time == 42);
    CHECK(found->created == t0);
    SECTION("an unknown id is ignored, not created") {
        update_user(store, "unknown", renamed);
        CHECK(store.size() == 1);
    }
}

TEST_CASE("the store keeps SHA-256 of ids, never the ids") {
    memory_session_store store(timeouts());
    const auto a = create(store, ada(), 0, t0);
    const auto b = create(store, ada(), 0, t0);
    const auto keys = store.stored_keys();
    REQUIRE(keys.size() == 2);
    for (const auto& id : {a.id, b.id}) {
        CHECK(std::count(keys.begin(), keys.end(), profiledesk::crypto::sha256(id)) == 1);
        CHECK(std::count(keys.begin(), keys.end(), id) == 0);
    }
}

TEST_CASE("expired sessions are purged without anyone asking for them") {
    memory_session_store store(timeouts(30min, 12h));
    for (int i = 0; i < 10; ++i) create(store, ada(), 0, t0);
    const auto live = create(store, ada(), 0, t0 + 20min);
    REQUIRE(store.size() == 11);
    SECTION("every purge_interval operations") {
        // Lookups of unknown ids are operations too; the clock is past the
        // first ten sessions' idle time but not the last one's.
        REQUIRE(store.purge_expired(t0 + 20min) == 0);  // restarts the operation count
        for (std::size_t i = 0; i + 1 < memory_session_store::purge_interval; ++i) find(store, "unknown", t0 + 31min);
        CHECK(store.size() == 11);
        find(store, "unknown", t0 + 31min);
        CHECK(store.size() == 1);
        CHECK(find(store, live.id, t0 + 31min));
    }
    SECTION("on demand, counting what went") {
        CHECK(store.purge_expired(t0 + 29min) == 0);
        CHECK(store.purge_expired(t0 + 31min) == 10);
        CHECK(store.size() == 1);
    }
    SECTION("by absolute lifetime too, for sessions in constant use") {
        memory_session_store busy(timeouts(30min, 1h));
        const auto s = create(busy, ada(), 0, t0);
        REQUIRE(find(busy, s.id, t0 + 25min));
        REQUIRE(find(busy, s.id, t0 + 50min));
        CHECK(busy.purge_expired(t0 + 60min) == 1);
        CHECK(busy.size() == 0);
    }
}

TEST_CASE("the store is bounded: it evicts rather than grows without limit") {
    memory_session_store store(timeouts(), 3);
    const auto a = create(store, someone("auth0|a"), 0, t0);
    const auto b = create(store, someone("auth0|b"), 0, t0 + 1s);
    const auto c = create(store, someone("auth0|c"), 0, t0 + 2s);
    REQUIRE(find(store, a.id, t0 + 3s));  // a is now the most recently used
    const auto d = create(store, someone("auth0|d"), 0, t0 + 4s);
    CHECK(store.size() == 3);
    SECTION("the session unused the longest goes") {
        CHECK_FALSE(find(store, b.id, t0 + 5s));
        CHECK(find(store, a.id, t0 + 5s));
        CHECK(find(store, c.id, t0 + 5s));
        CHECK(find(store, d.id, t0 + 5s));
    }
    SECTION("expired sessions go first, even when recently used") {
        memory_session_store small(timeouts(30min, 1h), 2);
        const auto old = create(small, ada(), 0, t0);
        const auto other = create(small, ada(), 0, t0 + 40min);
        REQUIRE(find(small, old.id, t0 + 25min));
        REQUIRE(find(small, old.id, t0 + 50min));  // old is now the most recently used...
        create(small, ada(), 0, t0 + 61min);       // ...but past its absolute lifetime
        CHECK(find(small, other.id, t0 + 62min));
        CHECK_FALSE(find(small, old.id, t0 + 62min));
    }
}

TEST_CASE("a user holds at most max_per_user sessions: a sign-in past that ends their oldest") {
    memory_session_store store(timeouts(), 100, 3);
    const auto grace = create(store, someone("auth0|grace"), 0, t0);
    const auto first = create(store, ada(), 0, t0);
    const auto second = create(store, ada(), 0, t0 + 1s);
    const auto third = create(store, ada(), 0, t0 + 2s);
    REQUIRE(find(store, first.id, t0 + 3s));  // the oldest is the one signed in first, used or not
    const auto fourth = create(store, ada(), 0, t0 + 4s);
    CHECK_FALSE(find(store, first.id, t0 + 5s));
    CHECK(find(store, second.id, t0 + 5s));
    CHECK(find(store, third.id, t0 + 5s));
    CHECK(find(store, fourth.id, t0 + 5s));
    CHECK(find(store, grace.id, t0 + 5s));
    CHECK(store.size() == 4);
    SECTION("a hundred more sign-ins still leave three, the newest") {
        std::vector<session> latest;
        for (int i = 0; i < 100; ++i) latest.push_back(create(store, ada(), 0, t0 + 10s + std::chrono::seconds(i)));
        CHECK(store.size() == 4);
        for (int i = 97; i < 100; ++i) CHECK(find(store, latest[i].id, t0 + 200s));
        CHECK_FALSE(find(store, latest[96].id, t0 + 200s));
        CHECK(find(store, grace.id, t0 + 200s));
    }
    SECTION("the default is 20") {
        memory_session_store defaults(timeouts());
        std::vector<session> made;
        for (int i = 0; i < 21; ++i) made.push_back(create(defaults, ada(), 0, t0 + std::chrono::seconds(i)));
        CHECK(defaults.size() == 20);
        CHECK_FALSE(find(defaults, made[0].id, t0 + 30s));
        CHECK(find(defaults, made[1].id, t0 + 30s));
    }
}

TEST_CASE("a full store: one user's sign-ins never push out other users' sessions") {
    // Room for 4 in all, and a per-user cap that is no help here.
    memory_session_store store(timeouts(), 4, 20);
    const auto grace = create(store, someone("auth0|grace"), 0, t0);
    const auto linus = create(store, someone("auth0|linus"), 0, t0 + 1s);
    const auto zoe = create(store, someone("auth0|zoe"), 0, t0 + 2s);
    std::vector<session> mine;
    for (int i = 0; i < 50; ++i) mine.push_back(create(store, ada(), 0, t0 + 10s + std::chrono::seconds(i)));
    CHECK(store.size() == 4);
    CHECK(find(store, grace.id, t0 + 100s));
    CHECK(find(store, linus.id, t0 + 100s));
    CHECK(find(store, zoe.id, t0 + 100s));
    CHECK(find(store, mine.back().id, t0 + 100s));
    SECTION("someone with no session yet still gets one: the least recently seen goes") {
        REQUIRE(find(store, linus.id, t0 + 101s));
        REQUIRE(find(store, zoe.id, t0 + 102s));
        REQUIRE(find(store, mine.back().id, t0 + 103s));
        const auto margaret = create(store, someone("google-oauth2|margaret"), 0, t0 + 104s);
        CHECK(store.size() == 4);
        CHECK(find(store, margaret.id, t0 + 105s));
        CHECK_FALSE(find(store, grace.id, t0 + 105s));
    }
}

TEST_CASE("the memory store refuses nonsensical settings") {
    CHECK_THROWS_AS(memory_session_store(timeouts(0s, 1h)), std::invalid_argument);
    CHECK_THROWS_AS(memory_session_store(timeouts(30min, -1s)), std::invalid_argument);
    CHECK_THROWS_AS(memory_session_store(timeouts(2h, 1h)), std::invalid_argument);
    CHECK_THROWS_AS(memory_session_store(timeouts(), 0), std::invalid_argument);
    CHECK_THROWS_AS(memory_session_store(timeouts(), 10, 0), std::invalid_argument);
    CHECK_NOTHROW(memory_session_store(timeouts(1h, 1h)));
}

TEST_CASE("the memory store is safe to use from several threads") {
    memory_session_store store(timeouts(), 100'000, 100'000);  // one user, thousands of sessions
    constexpr int threads = 4;
    constexpr int per_thread = 500;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < threads; ++w) {
        workers.emplace_back([&store, &failures] {
            // The calls directly, not through the waiting helpers: Catch's
            // assertions are not for other threads. The memory store answers inline.
            const auto ignore = [](auto) {};
            for (int i = 0; i < per_thread; ++i) {
                std::string id;
                store.create(ada(), 0, t0, [&id](auto s) { id = s.value->id; });
                store.find(id, t0 + 1s, [&failures](auto found) {
                    if (!found.available() || !*found.value) ++failures;
                });
                store.update_user(id, ada(), ignore);
                if (i % 2 == 0) store.erase(id, ignore);
            }
        });
    }
    for (auto& t : workers) t.join();
    CHECK(failures == 0);
    CHECK(store.size() == threads * per_thread / 2);
}

TEST_CASE("session_store is usable through the interface") {
    std::unique_ptr<session_store> store = make_memory_session_store(timeouts(1min, 1h), 10);
    const session s = create(*store, ada(), 0, t0);
    CHECK(find(*store, s.id, t0 + 59s));
    CHECK_FALSE(find(*store, s.id, t0 + 59s + 1min));
}

TEST_CASE("a session keeps where it signed in from, under a handle of its own") {
    memory_session_store store(timeouts());
    const auto s = create(store, ada(), 0, {"Firefox on Linux", "203.0.113.x"}, t0);
    CHECK(s.handle.size() == 22);  // 16 random bytes, base64url
    CHECK(s.handle != s.id);
    CHECK(s.handle != s.csrf_token);
    CHECK(s.origin.device == "Firefox on Linux");
    CHECK(s.origin.address == "203.0.113.x");
    const auto found = find(store, s.id, t0 + 1s);
    REQUIRE(found);
    CHECK(found->handle == s.handle);
    CHECK(found->origin.device == "Firefox on Linux");
    CHECK(found->origin.address == "203.0.113.x");
    SECTION("a session made without an origin has an empty one, and a handle") {
        const auto bare = create(store, ada(), 0, t0);
        CHECK(bare.origin.device.empty());
        CHECK(bare.handle.size() == 22);
        CHECK(bare.handle != s.handle);
    }
}

TEST_CASE("list_user lists exactly the user's live sessions, without ids") {
    memory_session_store store(timeouts(30min, 12h));
    const auto a1 = create(store, ada(), 0, {"Chrome on Windows", "198.51.100.x"}, t0);
    const auto a2 = create(store, ada(), 0, {"Safari on iPhone", "203.0.113.x"}, t0 + 1min);
    create(store, someone("auth0|grace"), 0, {"Firefox on Linux", ""}, t0);

    auto listed = list_user(store, "auth0|ada", t0 + 2min);
    REQUIRE(listed.size() == 2);
    std::sort(listed.begin(), listed.end(), [](const auto& x, const auto& y) { return x.created < y.created; });
    CHECK(listed[0].handle == a1.handle);
    CHECK(listed[0].origin.device == "Chrome on Windows");
    CHECK(listed[0].origin.address == "198.51.100.x");
    CHECK(listed[0].created == t0);
    CHECK(listed[1].handle == a2.handle);
    CHECK(listed[1].last_seen == t0 + 1min);

    SECTION("an idle one is not listed") {
        find(store, a2.id, t0 + 20min);
        const auto later = list_user(store, "auth0|ada", t0 + 31min);
        REQUIRE(later.size() == 1);
        CHECK(later[0].handle == a2.handle);
        CHECK(later[0].last_seen == t0 + 20min);
    }
    SECTION("nobody's list is empty") { CHECK(list_user(store, "auth0|nobody", t0).empty()); }
}

TEST_CASE("erase_handle ends one session of its own user, and nothing of anyone else") {
    memory_session_store store(timeouts());
    const auto a1 = create(store, ada(), 0, t0);
    const auto a2 = create(store, ada(), 0, t0);
    const auto g = create(store, someone("auth0|grace"), 0, t0);

    CHECK_FALSE(erase_handle(store, "auth0|ada", g.handle, t0));  // grace's handle, asked as ada
    CHECK(find(store, g.id, t0));
    CHECK_FALSE(erase_handle(store, "auth0|ada", "no-such-handle", t0));
    CHECK_FALSE(erase_handle(store, "auth0|ada", "", t0));
    CHECK_FALSE(erase_handle(store, "auth0|ada", a1.id, t0));  // the cookie value is no handle

    CHECK(erase_handle(store, "auth0|ada", a1.handle, t0));
    CHECK_FALSE(find(store, a1.id, t0));
    CHECK(find(store, a2.id, t0));
    CHECK(list_user(store, "auth0|ada", t0).size() == 1);
    CHECK_FALSE(erase_handle(store, "auth0|ada", a1.handle, t0));  // already gone
    SECTION("an expired session is not there to end") {
        CHECK_FALSE(erase_handle(store, "auth0|ada", a2.handle, t0 + 13h));
        CHECK(store.size() == 1);  // grace's; ada's expired one went all the same
    }
}
