#include "request_id.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace profiledesk::http {

log::request_id new_request_id() {
    std::array<unsigned char, 16> bytes{};
    // Ids are not secrets, but colliding ids would mix two requests' lines:
    // a generator failure is an error, not a weaker id.
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed: no request id");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::array<char, 32> text{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        text[2 * i] = hex[bytes[i] >> 4];
        text[2 * i + 1] = hex[bytes[i] & 0xF];
    }
    return log::request_id(std::string_view(text.data(), text.size()));
}

bool is_sane_request_id(std::string_view id) {
    return !id.empty() && id.size() <= log::request_id::max_size && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-';
    });
}

log::request_id request_id_for(const request& req, bool trust_client) {
    if (trust_client) {
        const auto sent = req["X-Request-Id"];
        const std::string_view id(sent.data(), sent.size());
        if (is_sane_request_id(id)) return log::request_id(id);
    }
    return new_request_id();
}

log::request_id request_id_of(const request& req) {
    const auto id = req[request_id_field];
    return log::request_id(std::string_view(id.data(), id.size()));
}

}  // namespace profiledesk::http
