#include "localtenant/options.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;

TEST_CASE("options: defaults", "[options]") {
    const auto r = parse_options({});
    REQUIRE(r.opts);
    CHECK(r.opts->db_path == ":memory:");
    CHECK(r.opts->host == "127.0.0.1");
    CHECK(r.opts->port == 0);
    CHECK(r.opts->rate_limit == 2);
    CHECK(r.opts->rate_burst == 2);
    CHECK(r.opts->m2m_token_ttl == 86400);
    CHECK_FALSE(r.opts->admin);
    CHECK_FALSE(r.opts->tls());
}

TEST_CASE("options: every flag", "[options]") {
    const auto r = parse_options({"--seed", "s.json", "--db", "t.db", "--port", "4000", "--host", "::1", "--admin",
                                  "--rate-limit", "50", "--rate-burst", "100", "--m2m-token-ttl", "60", "--tls-cert",
                                  "c.pem", "--tls-key", "k.pem"});
    REQUIRE(r.opts);
    CHECK(r.opts->seed_path == "s.json");
    CHECK(r.opts->db_path == "t.db");
    CHECK(r.opts->port == 4000);
    CHECK(r.opts->admin);
    CHECK(r.opts->rate_limit == 50);
    CHECK(r.opts->rate_burst == 100);
    CHECK(r.opts->m2m_token_ttl == 60);
    CHECK(r.opts->tls());
    CHECK(issuer_for(*r.opts, 4000) == "https://[::1]:4000/");
}

TEST_CASE("options: the issuer ends with a slash", "[options]") {
    auto o = *parse_options({"--issuer", "https://tenant.example"}).opts;
    CHECK(issuer_for(o, 1) == "https://tenant.example/");
    o = *parse_options({}).opts;
    CHECK(issuer_for(o, 8443) == "http://127.0.0.1:8443/");
}

TEST_CASE("options: errors are one clear line", "[options]") {
    CHECK(parse_options({"--port"}).error == "--port needs a value (see --help)");
    CHECK(parse_options({"--port", "70000"}).error.find("--port must be") == 0);
    CHECK(parse_options({"--port", "12a"}).error.find("--port must be") == 0);
    CHECK(parse_options({"--rate-limit", "0"}).error.find("--rate-limit must be") == 0);
    CHECK(parse_options({"--bogus", "1"}).error == "unknown option --bogus (see --help)");
    CHECK(parse_options({"--tls-cert", "c.pem"}).error == "--tls-cert and --tls-key go together");
    CHECK(parse_options({"--issuer", "ftp://x"}).error.find("--issuer") == 0);
    CHECK(parse_options({"--help"}).help);
}

TEST_CASE("options: a non-loopback --host needs --insecure-public", "[options]") {
    for (const char* host : {"127.0.0.1", "127.3.2.1", "::1", "localhost", "LocalHost"}) {
        CAPTURE(host);
        CHECK(parse_options({"--host", host}).opts);
    }
    for (const char* host : {"0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", "::ffff:127.0.0.1"}) {
        CAPTURE(host);
        const auto r = parse_options({"--host", host});
        CHECK_FALSE(r.opts);
        CHECK(r.error.find("--host " + std::string(host) + " is not a loopback address") == 0);
        CHECK(r.error.find("--insecure-public") != std::string::npos);
        CHECK(r.error.find('\n') == std::string::npos);
        const auto allowed = parse_options({"--host", host, "--insecure-public"});
        REQUIRE(allowed.opts);
        CHECK(allowed.opts->insecure_public);
    }
    // --admin stays loopback-only, --insecure-public or not.
    CHECK(parse_options({"--admin", "--host", "0.0.0.0", "--insecure-public"}).error.find("--admin needs a loopback") ==
          0);
    CHECK(parse_options({"--admin", "--host", "localhost"}).opts);
}

TEST_CASE("options: localhost is bound as 127.0.0.1", "[options]") {
    CHECK(bind_address("localhost") == "127.0.0.1");
    CHECK(bind_address("::1") == "::1");
    CHECK(bind_address("0.0.0.0") == "0.0.0.0");
}

TEST_CASE("options: --sign-in-per-minute", "[options]") {
    CHECK(parse_options({}).opts->sign_in_per_minute == 10);
    CHECK(parse_options({"--sign-in-per-minute", "1000"}).opts->sign_in_per_minute == 1000);
    CHECK(parse_options({"--sign-in-per-minute", "0"}).error.find("--sign-in-per-minute must be") == 0);
}
