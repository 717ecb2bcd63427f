// The admin endpoints (--admin, loopback only): fault injection and stats.
#include "localtenant/tenant.hpp"

namespace profiledesk::localtenant {

namespace beast_http = boost::beast::http;
using nlohmann::json;

void tenant::add_fault(http::request&& req, http::responder respond) {
    const auto version = req.version();
    if (req.method() == beast_http::verb::get) {
        return respond(json_answer(200, {{"faults", faults_.to_json()}}, version));
    }
    const auto body = json::parse(req.body(), nullptr, false);
    auto parsed = parse_fault(body);
    if (const auto* why = std::get_if<std::string>(&parsed)) {
        return respond(json_answer(400, {{"error", "invalid_fault"}, {"message", *why}}, version));
    }
    const auto f = std::get<fault>(parsed);
    faults_.add(f);
    respond(json_answer(201, {{"fault", f.to_json()}}, version));
}

void tenant::clear_faults(http::request&& req, http::responder respond) {
    faults_.clear();
    http::response res{beast_http::status::no_content, req.version()};
    res.set(beast_http::field::server, "localtenant");
    res.prepare_payload();
    respond(std::move(res));
}

// {"user_id": "...", "seconds": N}: that user's next password sign-in gets
// auth_time = now - N (0 to 30 days).
void tenant::backdate_sign_in(http::request&& req, http::responder respond) {
    const auto version = req.version();
    const auto body = json::parse(req.body(), nullptr, false);
    if (!body.is_object() || !body.contains("user_id") || !body["user_id"].is_string() || !body.contains("seconds") ||
        !body["seconds"].is_number_integer() || body["seconds"].get<std::int64_t>() < 0 ||
        body["seconds"].get<std::int64_t>() > 30 * 24 * 3600) {
        return respond(json_answer(
            400, {{"error", "invalid_request"}, {"message", "send {\"user_id\": string, \"seconds\": 0..2592000}"}},
            version));
    }
    oauth_.backdate_next_sign_in(body["user_id"].get<std::string>(), body["seconds"].get<std::int64_t>());
    http::response res{beast_http::status::no_content, version};
    res.set(beast_http::field::server, "localtenant");
    res.prepare_payload();
    respond(std::move(res));
}

void tenant::stats(http::request&& req, http::responder respond) {
    if (req.method() == beast_http::verb::delete_) {
        stats_.reset();
        http::response res{beast_http::status::no_content, req.version()};
        res.prepare_payload();
        return respond(std::move(res));
    }
    respond(json_answer(200, stats_.to_json(), req.version()));
}

}  // namespace profiledesk::localtenant
