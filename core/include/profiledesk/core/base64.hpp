// Base64 (RFC 4648 section 4) and base64url (section 5), for the server
// (JWTs, cookies, HTTP Basic auth, glyph subsets in JSON) and the app (those
// glyph subsets, decoded).
//
// The decoders are strict on purpose: a JWT part or a Basic auth header with
// padding where none belongs, a stray character, an impossible length or
// non-zero leftover bits is refused rather than "repaired", so one value has
// exactly one accepted spelling (no signature malleability, no parser
// differences with the peer).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

// base64url without padding (JWS/JWK form).
std::string base64url_encode(std::string_view bytes);

// Accepts exactly what base64url_encode produces: only [A-Za-z0-9_-], no '=',
// length % 4 != 1, unused trailing bits zero. nullopt otherwise.
std::optional<std::string> base64url_decode(std::string_view text);

// Standard base64 with '=' padding (HTTP Basic auth, glyph subsets).
std::string base64_encode(std::string_view bytes);

// Accepts exactly what base64_encode produces: [A-Za-z0-9+/], length a multiple
// of 4, at most two '=' and only at the end, unused trailing bits zero. No
// whitespace. nullopt otherwise.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace profiledesk::core
