#pragma once
// Which slice of a sites list a crawl run took: shard `index` of `count` (issue 21). The
// sites in it are chosen by crawler/batch/site_shard; the run keeps the slice (runs.shard_index,
// runs.shard_count) so that --resume crawls the same one and `geocrawl runs` shows it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

struct run_shard {
  std::uint32_t index = 0;  // 0 <= index < count
  std::uint32_t count = 1;

  friend bool operator==(const run_shard&, const run_shard&) = default;
};

// "I/N", as --shard takes it and `geocrawl runs` prints it.
std::string to_string(const run_shard& shard);
// The shard "I/N" names: decimal digits only, 0 <= I < N; nullopt for anything else.
std::optional<run_shard> parse_run_shard(std::string_view text);

}  // namespace geocrawl
