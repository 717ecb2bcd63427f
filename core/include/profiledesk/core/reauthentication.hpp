// Sensitive actions (changing the email address or the password, deleting
// the account) need a sign-in within the last 5 minutes, so a stolen or
// forgotten-open session is not enough to take an account over (OWASP ASVS
// 4.0 V3.7.1 "re-authentication before sensitive changes"; Auth0's step-up
// with `max_age`). The rest of the form never asks for it.
//
// The flow, both sides: the server answers such a request with 401
// `reauthentication_required` and {"reauthenticateUrl": url(action)}; the app
// keeps the user's input (sessionStorage) and goes there; the server sends the
// browser to the provider with `prompt=login&max_age=0`, checks the returned
// ID token's auth_time, and sends it back to "/?resume=<action name>", where
// the app reopens the same step with the input it kept.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core::reauth {

// How recent a sign-in a sensitive action needs.
inline constexpr std::int64_t max_age_seconds = 5 * 60;

enum class action { email, password, delete_account };

inline constexpr std::array<std::string_view, 3> action_names = {"email", "password", "delete"};

constexpr std::string_view name(action a) { return action_names[static_cast<std::size_t>(a)]; }

constexpr std::optional<action> parse(std::string_view name) {
    for (std::size_t i = 0; i < action_names.size(); ++i) {
        if (action_names[i] == name) return static_cast<action>(i);
    }
    return std::nullopt;
}

// The sign-in at `auth_time` (Unix seconds) is recent enough at `now`. A
// sign-in dated in the future (a provider clock ahead by more than a minute)
// does not count.
constexpr bool is_recent(std::int64_t auth_time, std::int64_t now) {
    return auth_time > 0 && auth_time <= now + 60 && now - auth_time <= max_age_seconds;
}

// Seconds the sign-in stays recent enough at `now` (0: already too old).
constexpr std::int64_t seconds_left(std::int64_t auth_time, std::int64_t now) {
    if (!is_recent(auth_time, now)) return 0;
    const std::int64_t left = auth_time + max_age_seconds - now;
    return left > max_age_seconds ? max_age_seconds : left;
}

// Where the server's 401 sends the browser: GET /login?reauth=<name>.
inline std::string url(action a) { return "/login?reauth=" + std::string(name(a)); }

// Where the callback sends it back: the app reopens the step.
inline std::string resume_path(action a) { return "/?resume=" + std::string(name(a)); }

// The JSON member of the 401 body that carries url().
inline constexpr std::string_view url_key = "reauthenticateUrl";

}  // namespace profiledesk::core::reauth
