#include "auth/login_transaction.hpp"

#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "http/url.hpp"
#include "profiledesk/core/base64.hpp"

#include <cctype>

namespace profiledesk::auth {
namespace {

constexpr std::size_t random_bytes_per_value = 32;  // 256 bits each (ASVS asks for 128 at least)
constexpr std::size_t max_return_to = 2048;
// Decoding rounds for returnTo: every layer an intermediary might decode is
// checked; a value still changing after this many is refused outright.
constexpr int max_decode_rounds = 4;
// Our own clock, but several instances may share the cookie key.
constexpr std::int64_t max_future_skew_seconds = 60;

// Serialised form inside the seal: format byte, four length-prefixed strings
// (u32 big-endian), created_at (i64 big-endian), then in v2 a flags byte
// (bit 0: fresh), then in v3 the re-authentication: its action (one byte:
// 0 none, else the action's index + 1) and the sub that asked (a string).
// Binary rather than JSON so that no character of return_to grows on the way
// (the cookie limit is 4 KB). v1 and v2 cookies (made before an upgrade,
// still in flight for ten minutes after it) open as not fresh / no reauth.
constexpr char format_v1 = 'T';
constexpr char format_v2 = 'U';
constexpr char format_v3 = 'V';

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void put_string(std::string& out, std::string_view s) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

struct reader {
    std::string_view rest;
    bool ok = true;

    std::uint64_t number(int bytes) {
        if (!ok || rest.size() < static_cast<std::size_t>(bytes)) {
            ok = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(rest[static_cast<std::size_t>(i)]);
        rest.remove_prefix(static_cast<std::size_t>(bytes));
        return v;
    }

    std::string string() {
        const auto size = number(4);
        if (!ok || rest.size() < size) {
            ok = false;
            return {};
        }
        std::string s(rest.substr(0, size));
        rest.remove_prefix(size);
        return s;
    }
};

// RFC 7636 4.1: 43-128 characters of [A-Za-z0-9-._~].
bool valid_verifier(std::string_view v) {
    if (v.size() < 43 || v.size() > 128) return false;
    for (const unsigned char c : v) {
        if (!std::isalnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return false;
    }
    return true;
}

// One form of a returnTo (raw, or a decoded layer) is a same-origin path.
bool same_origin_path(std::string_view p, bool decoded) {
    if (p.empty() || p.front() != '/') return false;
    // "//host" and "/\host" are network-path references to another origin
    // (browsers treat '\' as '/' in URLs); refused anywhere, not only at the
    // start, so no later normalisation can produce them.
    if (p.find("//") != std::string_view::npos || p.find('\\') != std::string_view::npos) return false;
    for (const unsigned char c : p) {
        // Browsers strip tab, CR and LF from URLs ("/\t/evil" becomes "//evil"),
        // and CR/LF in a Location header is response splitting.
        if (c < 0x20 || c == 0x7f) return false;
        // The raw value goes into a Location header as is: visible ASCII only.
        if (!decoded && (c == ' ' || c > 0x7e)) return false;
    }
    return true;
}

}  // namespace

login_transaction new_login_transaction(std::string return_to, std::int64_t now) {
    login_transaction t;
    t.state = crypto::random_token(random_bytes_per_value);
    t.nonce = crypto::random_token(random_bytes_per_value);
    t.code_verifier = crypto::random_token(random_bytes_per_value);
    t.return_to = safe_return_to(return_to);
    t.created_at = now;
    return t;
}

reauth_verdict judge_reauthentication(const login_transaction& tx, std::string_view sub,
                                      std::optional<std::int64_t> auth_time) {
    if (!tx.reauth) return reauth_verdict::not_asked;
    if (tx.reauth_sub.empty() || sub != tx.reauth_sub) return reauth_verdict::other_user;
    if (!auth_time || *auth_time < tx.created_at - reauth_clock_skew_seconds) return reauth_verdict::stale;
    return reauth_verdict::resume;
}

std::string pkce_challenge(std::string_view verifier) { return core::base64url_encode(crypto::sha256(verifier)); }

std::string seal_transaction(const login_transaction& transaction, const sealer& sealer) {
    std::string plain(1, format_v3);
    put_string(plain, transaction.state);
    put_string(plain, transaction.nonce);
    put_string(plain, transaction.code_verifier);
    put_string(plain, transaction.return_to);
    const auto created = static_cast<std::uint64_t>(transaction.created_at);
    put_u32(plain, static_cast<std::uint32_t>(created >> 32));
    put_u32(plain, static_cast<std::uint32_t>(created & 0xffffffffu));
    plain += static_cast<char>(transaction.fresh ? 1 : 0);
    plain += static_cast<char>(transaction.reauth ? static_cast<int>(*transaction.reauth) + 1 : 0);
    put_string(plain, transaction.reauth_sub);
    return sealer.seal(plain);
}

std::optional<login_transaction> open_transaction(std::string_view cookie, const sealer& sealer, std::int64_t now,
                                                  std::int64_t max_age_seconds) {
    const auto plain = sealer.open(cookie);
    if (!plain || plain->empty()) return std::nullopt;
    const char format = plain->front();
    if (format != format_v1 && format != format_v2 && format != format_v3) return std::nullopt;

    reader in{std::string_view(*plain).substr(1)};
    login_transaction t;
    t.state = in.string();
    t.nonce = in.string();
    t.code_verifier = in.string();
    t.return_to = in.string();
    t.created_at = static_cast<std::int64_t>(in.number(8));
    if (format != format_v1) {
        const auto flags = in.number(1);
        if (flags > 1) return std::nullopt;
        t.fresh = flags == 1;
    }
    if (format == format_v3) {
        const auto action = in.number(1);
        if (action > core::reauth::action_names.size()) return std::nullopt;
        if (action > 0) t.reauth = static_cast<core::reauth::action>(action - 1);
        t.reauth_sub = in.string();
    }
    if (!in.ok || !in.rest.empty()) return std::nullopt;

    // Only what new_login_transaction makes is accepted back.
    if (t.state.empty() || t.nonce.empty() || !valid_verifier(t.code_verifier)) return std::nullopt;
    if (safe_return_to(t.return_to) != t.return_to) return std::nullopt;

    // Arithmetic on now only (a real clock), never on created_at, so no
    // value inside the cookie can make it overflow.
    if (max_age_seconds <= 0) return std::nullopt;
    if (t.created_at < now - max_age_seconds) return std::nullopt;          // expired
    if (t.created_at > now + max_future_skew_seconds) return std::nullopt;  // from the future
    return t;
}

std::string safe_return_to(std::string_view requested) {
    static const std::string home = "/";
    if (requested.size() > max_return_to || !same_origin_path(requested, false)) return home;
    std::string current(requested);
    for (int round = 0; round < max_decode_rounds; ++round) {
        const auto decoded = http::percent_decode(current, /*plus_is_space=*/false);
        if (!decoded) return home;
        if (*decoded == current) return std::string(requested);
        if (!same_origin_path(*decoded, true)) return home;
        current = *decoded;
    }
    return home;
}

}  // namespace profiledesk::auth
