// What a person reads when validation or the server refuses: catalog texts
// by code (validation.<code>, error.<code>), in their language, never the
// server's English `message`.
#include "app/controller.hpp"
#include "app/controller_account.hpp"
#include "app/i18n.hpp"
#include "catalogs.hpp"
#include "fixtures.hpp"
#include "net/api_result.hpp"
#include "profiledesk/core/api_errors.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

namespace {

// A French catalog of the texts these tests meet; the rest falls back to English.
constexpr std::string_view french = R"({
  "error.network": "Impossible de joindre le serveur. Vérifiez votre connexion.",
  "error.retry_in_minutes": "Réessayez dans {minutes} min.",
  "error.retry_in_seconds": "Réessayez dans {seconds} s.",
  "error.server_failed": "Le serveur a échoué ({status}). Réessayez.",
  "error.too_many_emails": "Nous vous avons déjà envoyé plusieurs e-mails.",
  "error.upstream_unavailable": "Le fournisseur d'identité est indisponible.",
  "error.validation_failed": "Certains champs sont à revoir.",
  "validation.date_missing": "Cette date n'existe pas.",
  "validation.name_required": "Saisissez un nom.",
  "validation.number_range": "Saisissez un nombre de {min} à {max}.",
  "validation.read_only": "Ce champ ne peut pas être modifié ici.",
  "validation.too_long": "Saisissez au plus {max} caractères."
})";

}  // namespace

TEST_CASE("server errors: a validation failure as the person types is the catalog's, in their language") {
    auto s = fixtures::signed_in();
    catalogs::use_catalog("fr", french);
    edit_text(s, "user_metadata.birthday", "2023-02-29");
    CHECK(field_error(s, "user_metadata.birthday") == "Cette date n'existe pas.");
    edit_text(s, "name", " ");
    CHECK(field_error(s, "name") == "Saisissez un nom.");
    edit_text(s, "user_metadata.city", std::string(101, 'x'));
    CHECK(field_error(s, "user_metadata.city") == "Saisissez au plus 100 caractères.");
    SECTION("a text not yet translated is English") {
        edit_text(s, "user_metadata.website", "ftp://nope");
        CHECK(field_error(s, "user_metadata.website") ==
              "Enter a web address starting with https:// or http://, like https://example.com.");
    }
    SECTION("a schema's own pattern message is the schema's, in the person's language") {
        edit_text(s, "user_metadata.timezone", "london");
        CHECK(field_error(s, "user_metadata.timezone") ==
              "Saisissez le nom d'un fuseau horaire, comme Europe/Paris ou America/New_York.");
    }
}

TEST_CASE("server errors: the server's validation_failed is shown by code and arguments") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "user_metadata.timezone", "Europe/Paris");
    save(s);
    catalogs::use_catalog("fr", french);
    on_save_result(
        s, fixtures::answer(400, {{"error", "validation_failed"},
                                  {"message", "Some fields need attention."},
                                  {"fields",
                                   {{"user_metadata.city", "Enter at most 3 characters."},
                                    {"user_metadata.timezone", "Enter a time zone name."},
                                    {"user_metadata.bio", "The server's own words."}}},
                                  {"problems",
                                   {{"user_metadata.city", {{"code", "too_long"}, {"args", {{"max", "3"}}}}},
                                    {"user_metadata.timezone", {{"code", "pattern"}, {"args", json::object()}}}}}}));
    CHECK(s.current == phase::editing);
    CHECK(field_error(s, "user_metadata.city") == "Saisissez au plus 3 caractères.");
    // The wire leaves the schema's message out: the app's schema has it, in French too.
    CHECK(field_error(s, "user_metadata.timezone") ==
          "Saisissez le nom d'un fuseau horaire, comme Europe/Paris ou America/New_York.");
    // A field without a code (an older server): the answer's text, not the server's words.
    CHECK(field_error(s, "user_metadata.bio") == "Certains champs sont à revoir.");
    CHECK(s.notice == "Certains champs sont à revoir.");
    SECTION("fields that cannot be changed here") {
        edit_text(s, "user_metadata.city", "Lyon");
        save(s);
        on_save_result(s, fixtures::answer(400, {{"error", "field_not_allowed"},
                                                 {"message", "These fields cannot be changed here: x."},
                                                 {"fields", {"user_metadata.city"}}}));
        CHECK(field_error(s, "user_metadata.city") == "Ce champ ne peut pas être modifié ici.");
    }
}

TEST_CASE("server errors: a failed save shows error.<code>, never the server's message") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    SECTION("English") {
        on_save_result(
            s, fixtures::answer(503, {{"error", "upstream_unavailable"}, {"message", "The server's words."}}, "10"));
        CHECK(s.error_message == "The identity provider is unavailable. Please try again in a moment.");
        CHECK(retry_wait_s(s) == 10);  // the countdown still counts
    }
    SECTION("French") {
        catalogs::use_catalog("fr", french);
        on_save_result(s,
                       fixtures::answer(503, {{"error", "upstream_unavailable"}, {"message", "The server's words."}}));
        CHECK(s.error_message == "Le fournisseur d'identité est indisponible.");
    }
    SECTION("no answer, or one without our code: the kind's text, with its status") {
        catalogs::use_catalog("fr", french);
        on_save_result(s, net::classify(0, "", ""));
        CHECK(s.error_message == "Impossible de joindre le serveur. Vérifiez votre connexion.");
        retry(s);
        on_save_result(s, net::classify(502, "<html>Bad Gateway</html>"));
        CHECK(s.error_message == "Le serveur a échoué (502). Réessayez.");
    }
}

TEST_CASE("server errors: the account steps say the code's text, with the wait in the person's language") {
    auto s = fixtures::signed_in();
    catalogs::use_catalog("fr", french);
    on_email_change_result(
        s, fixtures::answer(429, {{"error", "too_many_emails"}, {"message", "Too many emails were sent."}}, "300"));
    CHECK(s.account.error == "Nous vous avons déjà envoyé plusieurs e-mails. Réessayez dans 5 min.");
    on_email_change_result(
        s, fixtures::answer(429, {{"error", "too_many_emails"}, {"message", "Too many emails were sent."}}, "30"));
    CHECK(s.account.error == "Nous vous avons déjà envoyé plusieurs e-mails. Réessayez dans 30 s.");
}

TEST_CASE("server errors: every key the app looks up is in en.json") {
    const auto& en = catalogs::english();
    for (const auto key : {net::error_key::network, net::error_key::server_busy, net::error_key::server_failed,
                           net::error_key::server_answered}) {
        INFO(key);
        CHECK(en.find(key) != nullptr);
    }
    for (const auto* key : {"error.unreadable_answer", "error.retry_in_seconds", "error.retry_in_minutes",
                            "error.password_changed_sessions_kept"}) {
        INFO(key);
        CHECK(en.find(key) != nullptr);
    }
    for (const auto& c : profiledesk::core::api_error::all_codes) {
        const auto r = net::classify(c.status, json{{"error", c.code}, {"message", "The server's words."}}.dump());
        INFO(c.code);
        CHECK(r.message == *en.find("error." + std::string(c.code)));
    }
}

TEST_CASE("server errors: a password change whose sessions could not all end says the password changed") {
    auto s = fixtures::signed_in();
    on_password_change_result(
        s, fixtures::answer(503, {{"error", "session_store_unavailable"}, {"message", "The server's words."}}));
    CHECK(s.account.error ==
          "Your password was changed, but your other sessions could not all be ended. Use Sign out everywhere.");
}
