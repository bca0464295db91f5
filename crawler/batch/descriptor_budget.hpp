#pragma once
// Open files are a limit like any other: each view in flight holds a socket, and a soft
// RLIMIT_NOFILE of 1024 (the usual default) cannot hold a crawl at concurrency 1024. The
// crawl raises its soft limit as far as the hard limit allows, and where that is still too
// few, runs fewer views at once rather than failing views with EMFILE.
#include <cstdint>
#include <string>

namespace geocrawl {

// Descriptors kept beside the views' sockets: the databases (three connections with their
// WAL and shared-memory files), the GeoIP database, standard streams, the resolver's
// sockets, the offline browser's pipes.
inline constexpr std::uint64_t descriptors_beside_views = 64;

// The concurrency that fits `open_files_limit` descriptors: `wanted`, or fewer, never
// below 1.
int concurrency_within(int wanted, std::uint64_t open_files_limit);

struct descriptor_budget {
  std::uint64_t soft_before = 0;  // the soft limit as the process started
  std::uint64_t soft = 0;         // after raising it
  std::uint64_t hard = 0;
  int concurrency = 0;  // what the crawl will use

  // Set when the concurrency was lowered: "crawl.concurrency 1024 lowered to 960: ...".
  std::string lowered_note(int wanted) const;
};

// Raises this process's soft RLIMIT_NOFILE toward its hard limit (no further than needed
// for `wanted` views) and fits the concurrency to what it got.
descriptor_budget fit_descriptors(int wanted);

}  // namespace geocrawl
