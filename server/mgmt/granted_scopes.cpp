#include "mgmt/granted_scopes.hpp"

#include "http/url.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sstream>

namespace profiledesk::mgmt {

std::optional<std::set<std::string>> scopes_of_token_answer(const nlohmann::json& answer) {
    if (!answer.is_object()) return std::nullopt;
    const auto it = answer.find("scope");
    if (it == answer.end() || !it->is_string()) return std::nullopt;
    std::set<std::string> scopes;
    std::istringstream words(it->get<std::string>());
    for (std::string s; words >> s;) scopes.insert(s);
    return scopes;
}

std::variant<std::set<std::string>, std::string> fetch_granted_scopes(std::shared_ptr<boost::asio::ssl::context> tls,
                                                                      const mgmt_settings& settings,
                                                                      std::chrono::milliseconds timeout) {
    boost::asio::io_context ioc;
    const auto client = std::make_shared<upstream::http_client>(ioc, std::move(tls));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::variant<std::set<std::string>, std::string> outcome = std::string("the token endpoint did not answer");
    // Unreachable or 5xx: tried again after a second, while time is left.
    std::function<void()> attempt = [&] {
        upstream::client_request req;
        req.method = upstream::beast_http::verb::post;
        req.url = token_url(settings);
        req.endpoint = "m2m_token";
        req.content_type = "application/x-www-form-urlencoded";
        req.body = client_credentials_body(settings);
        client->send(std::move(req), deadline, [&](boost::system::error_code ec, upstream::client_response res) {
            const bool transient = ec || res.status >= 500;
            if (transient && std::chrono::steady_clock::now() + std::chrono::seconds(1) < deadline) {
                auto timer = std::make_shared<boost::asio::steady_timer>(ioc, std::chrono::seconds(1));
                return timer->async_wait([timer, &attempt](boost::system::error_code) { attempt(); });
            }
            if (ec) {
                outcome = "the token endpoint could not be reached: " + ec.message();
            } else if (res.status != 200) {
                outcome = "the token endpoint answered " + std::to_string(res.status);
            } else if (auto scopes = scopes_of_token_answer(nlohmann::json::parse(res.body, nullptr, false))) {
                outcome = std::move(*scopes);
            } else {
                outcome = std::string("the token endpoint's answer names no scope");
            }
        });
    };
    attempt();
    ioc.run();
    return outcome;
}

}  // namespace profiledesk::mgmt
