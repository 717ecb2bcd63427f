#include "api/dev_outbox_routes.hpp"

#include "http/html_page.hpp"
#include "mail/eml_reader.hpp"
#include "mail/outbox_files.hpp"

#include <algorithm>

namespace profiledesk::api {
namespace {

namespace verb = http::beast_http;
using http::html_escape;

// The page lists this many messages: a development outbox holds a session's mail.
constexpr std::size_t max_listed = 100;
// A message of ours is a few kilobytes; anything far larger is not one.
constexpr std::size_t max_message_bytes = 1 << 20;

constexpr std::string_view prefix = "/dev/outbox/";

std::string list_html(const std::string& directory) {
    const auto names = mail::list_outbox(directory, max_listed);
    if (names.empty()) return "<p>No mail yet. Messages profiledesk sends appear here, newest first.</p>";
    std::string html =
        "<p>Mail written to the outbox folder (MAIL_URL=file:), newest first.</p>"
        "<table><thead><tr><th>Time</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>";
    for (const auto& name : names) {
        const auto data = mail::read_outbox_file(directory, name, max_message_bytes);
        if (!data) continue;
        const auto m = mail::read_eml(*data);
        html += "<tr><td><a href=\"" + std::string(prefix) + name + "\">" + html_escape(m.date) + "</a></td><td>" +
                html_escape(m.to) + "</td><td>" + html_escape(m.subject) + "</td><td>";
        for (const auto& link : mail::links_in(m.text)) {
            html += "<a href=\"" + html_escape(link) + "\">" + html_escape(link) + "</a><br>";
        }
        html += "</td></tr>";
    }
    return html + "</tbody></table>";
}

http::response text_response(verb::status status, std::string body, unsigned version) {
    http::response res{status, version};
    res.set(verb::field::content_type, "text/plain; charset=utf-8");
    res.set(verb::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace

void add_dev_outbox_routes(http::router& routes, std::string directory) {
    routes.add(verb::verb::get, "/dev/outbox", [directory](http::request&& req, http::responder respond) {
        auto res = http::html_page_with_content(verb::status::ok, "Outbox (development)", list_html(directory));
        res.version(req.version());
        respond(std::move(res));
    });
    routes.add_prefix(verb::verb::get, std::string(prefix), [directory](http::request&& req, http::responder respond) {
        const auto path = http::target_path({req.target().data(), req.target().size()});
        const auto name = path.substr(prefix.size());
        // Only a name the folder lists (which is of the outbox pattern): never a path of the client's choosing.
        const auto names = mail::list_outbox(directory, max_listed);
        const bool listed = std::find(names.begin(), names.end(), name) != names.end();
        const auto data = listed ? mail::read_outbox_file(directory, name, max_message_bytes) : std::nullopt;
        if (!data) {
            respond(text_response(verb::status::not_found, "No such message in the outbox.\n", req.version()));
            return;
        }
        const auto m = mail::read_eml(*data);
        std::string body = "To: " + m.to + "\nSubject: " + m.subject + "\nDate: " + m.date + "\n\n" + m.text +
                           "\n\n---- the message as stored ----\n\n" + *data;
        respond(text_response(verb::status::ok, std::move(body), req.version()));
    });
}

}  // namespace profiledesk::api
