// GET /readyz's report: the provider, and Redis when it is configured.
#include "api/readiness.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;

TEST_CASE("readiness: without Redis, ready once the provider is discovered; no redis member") {
    const auto up = api::check_readiness(true, std::nullopt);
    CHECK(up.ready);
    CHECK(up.body == nlohmann::json{{"ready", true}, {"provider", "discovered"}});
    const auto down = api::check_readiness(false, std::nullopt);
    CHECK_FALSE(down.ready);
    CHECK(down.body == nlohmann::json{{"ready", false}, {"provider", "unreachable"}});
}

TEST_CASE("readiness: with Redis, ready only while it is connected, and says why not") {
    const auto up = api::check_readiness(true, api::redis_state{true, ""});
    CHECK(up.ready);
    CHECK(up.body["redis"] == nlohmann::json{{"connected", true}});

    const auto down = api::check_readiness(true, api::redis_state{false, "connect: Connection refused"});
    CHECK_FALSE(down.ready);
    CHECK(down.body["ready"] == false);
    CHECK(down.body["provider"] == "discovered");
    CHECK(down.body["redis"] == nlohmann::json{{"connected", false}, {"error", "connect: Connection refused"}});

    CHECK(api::check_readiness(true, api::redis_state{false, ""}).body["redis"]["error"] == "not connected yet");
    CHECK(api::check_readiness(true, api::redis_state{false, std::string(1000, 'x')})
              .body["redis"]["error"]
              .get<std::string>()
              .size() == 200);
    CHECK_FALSE(api::check_readiness(false, api::redis_state{true, ""}).ready);
}
