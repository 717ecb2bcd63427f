#include "localtenant/options.hpp"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/asio/ip/address.hpp>

#include <cmath>
#include <stdexcept>

namespace profiledesk::localtenant {

const char* const usage = R"(Usage: localtenant [options]

An Auth0-compatible tenant for development and tests: OIDC discovery, JWKS,
/authorize (HTML sign-in form), /oauth/token (authorization_code + PKCE,
client_credentials), /userinfo, /v2/logout, /oidc/logout, and the Management
API's GET/PATCH /api/v2/users/{id}. See server/localtenant/README.md.

Options:
  --seed FILE           seed file (JSON): clients, connections, users
                        (default: none; server/localtenant/seed.json is the
                        project's demo seed). Clients and connections are
                        replaced from it on each start; users are added when
                        their user_id is not in the database yet.
  --db FILE             SQLite database (default :memory:, forgotten at exit)
  --host ADDRESS        address to listen on (default 127.0.0.1); only a
                        loopback one (127.0.0.0/8, ::1, localhost) unless
                        --insecure-public is given
  --insecure-public     allow a non-loopback --host: the seed's secrets are
                        public, so anyone who reaches the port could read and
                        change every user (set --issuer to the URL they use)
  --port N              port (default 0: any free port)
  --tls-cert FILE       serve HTTPS with this PEM certificate (chain)...
  --tls-key FILE        ...and this PEM private key (both or neither)
  --admin               enable /admin/faults and /admin/stats (fault
                        injection for tests); refused unless --host is loopback
  --sign-in-per-minute N
                        password checks (POST /u/login) per client address:
                        a burst of N, refilled at N a minute (default 10)
  --rate-limit N        Management API requests per second (default 2, a free
                        tenant's limit)
  --rate-burst N        Management API bucket size (default 2)
  --m2m-token-ttl S     lifetime of client_credentials tokens in seconds
                        (default 86400, Auth0's default)
  --issuer URL          issuer to announce (default http(s)://HOST:PORT/)
  --threads N           I/O threads (default 2)
  --help                this text

Requests are answered only when their Host header names the listening address
(and, for loopback, 127.0.0.1, localhost or [::1]) with its port, or the
issuer's host and port: any other gets 421 invalid_host, so a web page cannot
reach the tenant through DNS rebinding.

On start it prints one line to stdout:
  localtenant listening on http(s)://HOST:PORT/
)";

namespace {

bool parse_number(const std::string& text, double& out) {
    try {
        std::size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size() && std::isfinite(out);
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

parse_result parse_options(const std::vector<std::string>& args) {
    parse_result r;
    options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            r.help = true;
            return r;
        }
        if (arg == "--admin") {
            o.admin = true;
            continue;
        }
        if (arg == "--insecure-public") {
            o.insecure_public = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            r.error = arg.rfind("--", 0) == 0 ? arg + " needs a value (see --help)" : "unknown argument " + arg;
            return r;
        }
        const auto& v = args[++i];
        double n = 0;
        const auto number = [&](double min, double max) {
            if (!parse_number(v, n) || n < min || n > max) {
                r.error = arg + " must be a number from " + std::to_string(static_cast<long long>(min)) + " to " +
                          std::to_string(static_cast<long long>(max)) + " (got '" + v + "')";
                return false;
            }
            return true;
        };
        if (arg == "--seed") o.seed_path = v;
        else if (arg == "--db") o.db_path = v;
        else if (arg == "--host") o.host = v;
        else if (arg == "--tls-cert") o.tls_cert = v;
        else if (arg == "--tls-key") o.tls_key = v;
        else if (arg == "--issuer") o.issuer = v;
        else if (arg == "--port") {
            if (!number(0, 65535) || n != std::floor(n)) {
                if (r.error.empty()) r.error = "--port must be a whole number from 0 to 65535 (got '" + v + "')";
                return r;
            }
            o.port = static_cast<unsigned short>(n);
        } else if (arg == "--rate-limit") {
            if (!number(0.001, 1e6)) return r;
            o.rate_limit = n;
        } else if (arg == "--rate-burst") {
            if (!number(1, 1e6)) return r;
            o.rate_burst = std::floor(n);
        } else if (arg == "--m2m-token-ttl") {
            if (!number(1, 315360000)) return r;
            o.m2m_token_ttl = static_cast<long>(n);
        } else if (arg == "--sign-in-per-minute") {
            if (!number(1, 1e6)) return r;
            o.sign_in_per_minute = n;
        } else if (arg == "--threads") {
            if (!number(1, 64)) return r;
            o.threads = static_cast<unsigned>(n);
        } else {
            r.error = "unknown option " + arg + " (see --help)";
            return r;
        }
    }
    if (o.tls_cert.empty() != o.tls_key.empty()) {
        r.error = "--tls-cert and --tls-key go together";
        return r;
    }
    if (!o.issuer.empty() && o.issuer.rfind("http://", 0) != 0 && o.issuer.rfind("https://", 0) != 0) {
        r.error = "--issuer must be an http(s) URL, e.g. https://tenant.example/";
        return r;
    }
    if (!is_loopback_host(o.host) && !o.insecure_public) {
        r.error =
            "--host " + o.host +
            " is not a loopback address: the seed's secrets and passwords are public, so anyone who reaches it "
            "could read and change every user; keep the default 127.0.0.1, or add --insecure-public if you mean it";
        return r;
    }
    if (o.admin && !is_loopback_host(o.host)) {
        r.error = "--admin needs a loopback --host (127.0.0.1 or ::1): fault injection is for tests";
        return r;
    }
    r.opts = o;
    return r;
}

bool is_loopback_host(const std::string& host) {
    if (boost::algorithm::to_lower_copy(host) == "localhost") return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    return !ec && address.is_loopback();
}

std::string bind_address(const std::string& host) {
    return boost::algorithm::to_lower_copy(host) == "localhost" ? "127.0.0.1" : host;
}

std::string issuer_for(const options& o, unsigned short port) {
    if (!o.issuer.empty()) return o.issuer.back() == '/' ? o.issuer : o.issuer + "/";
    const bool v6 = o.host.find(':') != std::string::npos;
    return std::string(o.tls() ? "https" : "http") + "://" + (v6 ? "[" + o.host + "]" : o.host) + ":" +
           std::to_string(port) + "/";
}

}  // namespace profiledesk::localtenant
