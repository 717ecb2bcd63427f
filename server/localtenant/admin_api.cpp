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

void tenant::stats(http::request&& req, http::responder respond) {
    if (req.method() == beast_http::verb::delete_) {
        stats_.reset();
        http::response res{beast_http::status::no_content, req.version()};
        res.prepare_payload();
        return respond(std::move(res));
    }
    respond(json_answer(200, stats_.to_json(), req.version()));
}

// {"seconds": N}: every tenant session signed in N seconds earlier than it
// did, so the next silent sign-in carries an old auth_time.
void tenant::age_sessions(http::request&& req, http::responder respond) {
    const auto body = json::parse(req.body(), nullptr, false);
    const auto seconds = body.is_object() ? body.find("seconds") : body.end();
    if (!body.is_object() || seconds == body.end() || !seconds->is_number_unsigned() ||
        seconds->get<std::uint64_t>() > 365 * 24 * 3600) {
        return respond(
            json_answer(400, {{"error", "invalid_request"}, {"message", "send {\"seconds\": N}"}}, req.version()));
    }
    oauth_.age_sessions(seconds->get<std::int64_t>());
    http::response res{beast_http::status::no_content, req.version()};
    res.prepare_payload();
    respond(std::move(res));
}

}  // namespace profiledesk::localtenant
