// Each user's pending email change in memory (server/api/pending_emails.hpp).
#include "api/pending_emails.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using change = std::optional<api::pending_email>;

namespace {

change find(api::pending_emails& s, const std::string& sub, std::int64_t now) {
    change out;
    s.find(sub, now, [&](state::outcome<change> o) {
        REQUIRE(o.available());
        if (*o.value) out = **o.value;
    });
    return out;
}

change take(api::pending_emails& s, const std::string& sub, const std::string& id, std::int64_t now) {
    change out;
    s.take(sub, id, now, [&](state::outcome<change> o) {
        REQUIRE(o.available());
        if (*o.value) out = **o.value;
    });
    return out;
}

void put(api::pending_emails& s, const std::string& sub, api::pending_email p, std::int64_t now) {
    s.put(sub, std::move(p), now, [](state::outcome<state::done> o) { REQUIRE(o.available()); });
}

}  // namespace

TEST_CASE("pending emails: one change per user; a new one replaces it; taking is single use") {
    api::memory_pending_emails store;
    put(store, "ada", {"a1@example.com", "id-1", 100, false}, 0);
    put(store, "grace", {"g@example.com", "id-g", 100, true}, 0);
    CHECK(find(store, "ada", 10)->id == "id-1");
    CHECK(find(store, "grace", 10)->notice_only);

    put(store, "ada", {"a2@example.com", "id-2", 100, false}, 0);
    CHECK(find(store, "ada", 10)->address == "a2@example.com");
    CHECK_FALSE(take(store, "ada", "id-1", 10));  // the replaced link
    CHECK(find(store, "ada", 10));                // ... spends nothing

    CHECK(take(store, "ada", "id-2", 10)->address == "a2@example.com");
    CHECK_FALSE(take(store, "ada", "id-2", 10));  // followed twice
    CHECK_FALSE(find(store, "ada", 10));
    CHECK(find(store, "grace", 10));  // another user's is untouched
}

TEST_CASE("pending emails: an expired change is gone; cancelling is idempotent") {
    api::memory_pending_emails store;
    put(store, "ada", {"a@example.com", "id-1", 100, false}, 0);
    CHECK_FALSE(take(store, "ada", "id-1", 100));
    CHECK_FALSE(find(store, "ada", 50));

    put(store, "ada", {"a@example.com", "id-2", 100, false}, 0);
    CHECK_FALSE(find(store, "ada", 100));
    CHECK(store.size() == 0);

    put(store, "ada", {"a@example.com", "id-3", 100, false}, 0);
    for (int i = 0; i < 2; ++i) {
        bool answered = false;
        store.drop("ada", [&](state::outcome<state::done> o) { answered = o.available(); });
        CHECK(answered);
    }
    CHECK_FALSE(find(store, "ada", 10));
}

TEST_CASE("pending emails: bounded; a full store first purges expired changes, then the nearest expiry") {
    api::memory_pending_emails store(2);
    put(store, "a", {"a@example.com", "1", 50, false}, 0);
    put(store, "b", {"b@example.com", "2", 200, false}, 0);
    put(store, "c", {"c@example.com", "3", 300, false}, 60);  // "a" expired at 50
    CHECK(store.size() == 2);
    CHECK_FALSE(find(store, "a", 60));
    put(store, "d", {"d@example.com", "4", 400, false}, 60);  // none expired: "b" is nearest its end
    CHECK(store.size() == 2);
    CHECK_FALSE(find(store, "b", 60));
    CHECK(find(store, "c", 60));
    put(store, "c", {"c2@example.com", "5", 300, false}, 60);  // replacing in place pushes no one out
    CHECK(find(store, "d", 60));
}
