#include "http/connection_caps.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;

namespace {
// Stands for a connection: counts what the caps ask of it.
struct fake_connection : connection_base {
    int closed_idle = 0;
    void run(std::shared_ptr<connection_caps>, std::uint64_t) override {}
    void shutdown() override {}
    void close_idle() override { ++closed_idle; }
};

struct opened {
    std::shared_ptr<fake_connection> conn = std::make_shared<fake_connection>();
    connection_caps::id id = 0;
};

opened open(connection_caps& caps, const std::string& client) {
    opened o;
    auto a = caps.admit(client, o.conn);
    o.id = a.admitted;
    for (auto& c : a.to_close) c->close_idle();
    return o;
}
}  // namespace

TEST_CASE("connection caps: under the caps every connection is admitted") {
    connection_caps caps({4, 2});
    const auto a = open(caps, "a");
    const auto b = open(caps, "b");
    CHECK(a.id != 0);
    CHECK(b.id != 0);
    CHECK(a.id != b.id);
    CHECK(caps.open() == 2);
    CHECK(caps.open("a") == 1);
    caps.closed(a.id);
    CHECK(caps.open() == 1);
    CHECK(caps.open("a") == 0);
}

TEST_CASE("connection caps: when full, the connection idle the longest makes room") {
    connection_caps caps({3, 10});
    auto first = open(caps, "a");
    auto second = open(caps, "b");
    auto third = open(caps, "c");
    // first and third go busy, then first idles again: second has idled the longest.
    CHECK(caps.busy(first.id));
    CHECK(caps.busy(third.id));
    caps.idle(first.id);
    const auto fourth = open(caps, "d");
    CHECK(fourth.id != 0);
    CHECK(second.conn->closed_idle == 1);
    CHECK(first.conn->closed_idle == 0);
    CHECK(caps.open() == 3);
    CHECK(caps.open("b") == 0);
    SECTION("the one chosen learns it when its request begins") {
        CHECK_FALSE(caps.busy(second.id));
        caps.closed(second.id);  // its destructor: ignored
        CHECK(caps.open() == 3);
    }
    SECTION("next, the one idle the longest after it") {
        CHECK(open(caps, "e").id != 0);
        CHECK(first.conn->closed_idle == 1);
    }
}

TEST_CASE("connection caps: when full and nothing is idle, the new connection is refused") {
    connection_caps caps({2, 10});
    auto a = open(caps, "a");
    auto b = open(caps, "b");
    CHECK(caps.busy(a.id));
    CHECK(caps.busy(b.id));
    const auto refused = open(caps, "c");
    CHECK(refused.id == 0);
    CHECK(caps.open() == 2);
    CHECK(caps.open("c") == 0);
    caps.closed(refused.id);  // the refused connection's destructor: nothing to forget
    CHECK(caps.open() == 2);
    SECTION("once one is idle again it makes room") {
        caps.idle(b.id);
        CHECK(open(caps, "c").id != 0);
        CHECK(b.conn->closed_idle == 1);
    }
}

TEST_CASE("connection caps: a client over its own cap makes room among its own connections only") {
    connection_caps caps({100, 2});
    auto other = open(caps, "other");  // idle the longest of all
    auto a1 = open(caps, "a");
    auto a2 = open(caps, "a");
    const auto a3 = open(caps, "a");
    CHECK(a3.id != 0);
    CHECK(a1.conn->closed_idle == 1);
    CHECK(other.conn->closed_idle == 0);
    CHECK(caps.open("a") == 2);
    SECTION("all its connections busy: refused, while others are still admitted") {
        CHECK(caps.busy(a2.id));
        CHECK(caps.busy(a3.id));
        CHECK(open(caps, "a").id == 0);
        CHECK(open(caps, "b").id != 0);
        CHECK(caps.open("a") == 2);
    }
}

TEST_CASE("connection caps: every live connection can be reached for shutdown") {
    connection_caps caps({10, 10});
    auto a = open(caps, "a");
    {
        auto b = open(caps, "b");
        CHECK(caps.connections().size() == 2);
    }  // b destroyed without closed(): not returned
    CHECK(caps.connections().size() == 1);
}

TEST_CASE("connection caps: the default global cap stays below the open-file limit") {
    CHECK(default_max_connections(256) == 128);
    CHECK(default_max_connections(1024) == 896);
    CHECK(default_max_connections(1048576) == 10000);
    CHECK(default_max_connections(20) == 10);
    CHECK(default_max_connections(1) == 1);
    CHECK(default_max_connections(0) == 1);
}
