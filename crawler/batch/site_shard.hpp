#pragma once
// Which shard a site belongs to (issue 21): the first 8 bytes of the SHA-256 of its site
// identity — the lower-case registrable domain of the URL's host by the public suffix list, or
// the host itself where it has none (an IP address, a single label, a bare public suffix) —
// read big-endian, modulo the shard count. Every URL of one domain, and so every vantage of a
// site, lands in one shard: per-host limits and politeness hold within one process. The hash is
// documented in the README with a worked example; changing it would move sites between the
// shards of a night, so it never changes.
#include <cstdint>
#include <string_view>

#include "crawler/store/run_shard.hpp"

namespace geocrawl {

// The hash above, of an identity as it is given.
std::uint64_t shard_hash(std::string_view site_identity);

// The shard (of `count`) a URL's site falls in.
std::uint32_t shard_of_url(std::string_view url, std::uint32_t count);

// Whether the URL's site is in the shard.
bool in_shard(const run_shard& shard, std::string_view url);

}  // namespace geocrawl
