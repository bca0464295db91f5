#pragma once
#include <string>
#include <string_view>

namespace geocrawl {

// Lower-case hex SHA-256, the key bodies are stored and deduplicated under.
std::string sha256_hex(std::string_view data);

}  // namespace geocrawl
