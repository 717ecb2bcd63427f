#include "localtenant/host_allowlist.hpp"

#include <catch2/catch.hpp>

using profiledesk::localtenant::host_allowlist;

TEST_CASE("host_allowlist: a loopback tenant answers to its loopback names on its port", "[host_allowlist]") {
    const host_allowlist hosts("127.0.0.1", 8081, false, "http://127.0.0.1:8081/");
    for (const char* ok : {"127.0.0.1:8081", "localhost:8081", "LOCALHOST:8081", "[::1]:8081"}) {
        CAPTURE(ok);
        CHECK(hosts.allows(ok));
    }
    for (const char* bad :
         {"evil.example", "evil.example:8081", "127.0.0.1", "localhost", "127.0.0.1:8080", "localhost:80", "",
          "127.0.0.1:8081/x", "evil.example@127.0.0.1:8081", "127.0.0.1:8081@evil.example", "127.0.0.1:8081 ",
          "127.0.0.1:8081#", "::1:8081", "127.0.0.1:08081x", "localhost.:8081", "127.0.0.2:8081"}) {
        CAPTURE(bad);
        CHECK_FALSE(hosts.allows(bad));
    }
    CHECK(hosts.describe() == "127.0.0.1:8081, localhost:8081, [::1]:8081");
}

TEST_CASE("host_allowlist: the issuer's name, with or without its default port", "[host_allowlist]") {
    // Behind a TLS proxy: plain HTTP on loopback, announced as https://tenant.example/.
    const host_allowlist hosts("127.0.0.1", 4000, false, "https://Tenant.Example/");
    CHECK(hosts.allows("tenant.example"));
    CHECK(hosts.allows("tenant.example:443"));
    CHECK(hosts.allows("127.0.0.1:4000"));
    CHECK_FALSE(hosts.allows("tenant.example:4000"));
    CHECK_FALSE(hosts.allows("tenant.example:80"));
    CHECK_FALSE(hosts.allows("evil.tenant.example"));
}

TEST_CASE("host_allowlist: an issuer with a port, and the default port of the listener", "[host_allowlist]") {
    const host_allowlist hosts("127.0.0.1", 80, false, "http://localhost:8081/");
    CHECK(hosts.allows("localhost:8081"));
    CHECK(hosts.allows("127.0.0.1"));  // port 80 is http's default
    CHECK(hosts.allows("localhost:80"));
    CHECK_FALSE(hosts.allows("localhost:8082"));
}

TEST_CASE("host_allowlist: a wildcard listener answers to loopback names and its issuer only", "[host_allowlist]") {
    const host_allowlist hosts("0.0.0.0", 9000, true, "https://dev.example:9000/");
    CHECK(hosts.allows("127.0.0.1:9000"));
    CHECK(hosts.allows("localhost:9000"));
    CHECK(hosts.allows("dev.example:9000"));
    CHECK_FALSE(hosts.allows("192.168.1.20:9000"));
    CHECK_FALSE(hosts.allows("evil.example:9000"));
}

TEST_CASE("host_allowlist: a public address answers to itself, not to loopback names", "[host_allowlist]") {
    const host_allowlist hosts("192.168.1.20", 9000, false, "http://192.168.1.20:9000/");
    CHECK(hosts.allows("192.168.1.20:9000"));
    CHECK_FALSE(hosts.allows("localhost:9000"));
}

TEST_CASE("host_allowlist: IPv6 loopback", "[host_allowlist]") {
    const host_allowlist hosts("::1", 5000, false, "http://[::1]:5000/");
    CHECK(hosts.allows("[::1]:5000"));
    CHECK(hosts.allows("localhost:5000"));
    CHECK_FALSE(hosts.allows("[::2]:5000"));
}
