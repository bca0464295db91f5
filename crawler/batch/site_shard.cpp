#include "crawler/batch/site_shard.hpp"

#include <string>

#include "crawler/changes/site_host.hpp"
#include "crawler/view/sha256.hpp"

namespace geocrawl {

std::uint64_t shard_hash(std::string_view site_identity) {
  // The first 16 hex digits are the first 8 bytes, most significant first.
  return std::stoull(sha256_hex(site_identity).substr(0, 16), nullptr, 16);
}

std::uint32_t shard_of_url(std::string_view url, std::uint32_t count) {
  return static_cast<std::uint32_t>(shard_hash(registrar_domain(url)) % count);
}

bool in_shard(const run_shard& shard, std::string_view url) {
  return shard_of_url(url, shard.count) == shard.index;
}

}  // namespace geocrawl
