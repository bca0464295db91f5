#pragma once
// [retention]: which old runs a crawl prunes once its own run is done (`geocrawl prune`'s
// rules, crawler/store/run_pruner.hpp). Without keep_last or older_than_days nothing is pruned.
#include <cstdint>
#include <optional>
#include <vector>

#include "crawler/verdict/cloaking_verdict.hpp"

namespace geocrawl {

struct retention_settings {
  std::optional<std::int64_t> keep_last;
  std::optional<std::int64_t> older_than_days;
  std::vector<cloaking_verdict> keep_verdicts;
};

}  // namespace geocrawl
