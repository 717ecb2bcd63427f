// What SECRET must be: long, and not a value pasted from a sample.
#pragma once

#include <cstddef>
#include <string>

namespace profiledesk::config {

// Shorter key material is refused: 32 bytes are 256 bits, when random.
constexpr std::size_t min_secret_size = 32;

// SECRET values people paste from samples and tutorials instead of generating
// one ("changeme...", "your-secret..."), or too few distinct characters to be random.
bool looks_like_placeholder(const std::string& secret);

}  // namespace profiledesk::config
