// The client over HTTPS against localtenant with certificates from a
// throwaway CA (openssl CLI): verified chain, SNI and host name.
#include "tenant_process.hpp"

#include <catch2/catch.hpp>

using namespace mgmt_test;
using profiledesk::mgmt::mgmt_error;
using namespace std::chrono_literals;

TEST_CASE("tls: with the test CA trusted, token, GET and PATCH work over HTTPS") {
    temp_dir dir;
    const auto ca = make_test_ca(dir.path);
    tenant_options o;
    o.tls_cert = ca.good_cert;
    o.tls_key = ca.good_key;
    o.ca_pem = ca.ca_pem;
    tenant_process tenant(o);
    REQUIRE(tenant.url().rfind("https://127.0.0.1:", 0) == 0);
    client_fixture c(settings_for(tenant), upstream::make_tls_client_context(ca.ca_pem.string()));
    const auto r = c.get(ada);
    REQUIRE(r.error == mgmt_error::none);
    CHECK(r.body["email"] == "ada@example.com");
    const auto p = c.patch(ada, {{"nickname", "secure"}});
    REQUIRE(p.ok());
    CHECK(p.body["nickname"] == "secure");
    CHECK(tenant.token_requests() == 1);
    CHECK(tenant.requests("users_get") == 1);
    CHECK(tenant.requests("users_patch") == 1);
}

TEST_CASE("tls: a certificate for another host name is refused, and not retried") {
    temp_dir dir;
    const auto ca = make_test_ca(dir.path);
    tenant_options o;
    o.tls_cert = ca.other_cert;  // valid chain, but for other.example.com
    o.tls_key = ca.other_key;
    tenant_process tenant(o);
    client_fixture c(settings_for(tenant), upstream::make_tls_client_context(ca.ca_pem.string()));
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::network);
    CHECK(r.upstream_calls == 0);                  // stopped at the token request
    CHECK(c.client().stats().token_fetches == 1);  // a certificate does not get better by asking again
    CHECK(c.client().stats().upstream_calls == 0);
}

TEST_CASE("tls: a client that does not trust the CA is refused") {
    temp_dir dir;
    const auto ca = make_test_ca(dir.path);
    tenant_options o;
    o.tls_cert = ca.good_cert;
    o.tls_key = ca.good_key;
    o.ca_pem = ca.ca_pem;
    tenant_process tenant(o);
    client_fixture c(settings_for(tenant));  // the system trust store
    const auto r = c.get(ada);
    CHECK(r.error == mgmt_error::network);
    CHECK(tenant.token_requests() == 0);  // the handshake failed before any request
}
