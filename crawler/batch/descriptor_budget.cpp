#include "crawler/batch/descriptor_budget.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace geocrawl {

int concurrency_within(int wanted, std::uint64_t open_files_limit) {
  if (open_files_limit <= descriptors_beside_views) return 1;
  const auto room = open_files_limit - descriptors_beside_views;
  return static_cast<int>(std::clamp<std::uint64_t>(room, 1, static_cast<std::uint64_t>(wanted)));
}

std::string descriptor_budget::lowered_note(int wanted) const {
  if (concurrency >= wanted) return {};
  return "crawl.concurrency " + std::to_string(wanted) + " lowered to " +
         std::to_string(concurrency) + ": the open-file limit is " + std::to_string(soft) +
         " (hard limit " + std::to_string(hard) + ") and each view in flight holds one, with " +
         std::to_string(descriptors_beside_views) +
         " kept for the databases and logs; raise it with `ulimit -n` or LimitNOFILE=";
}

descriptor_budget fit_descriptors(int wanted) {
  descriptor_budget budget;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    budget.concurrency = wanted;  // unknown limits: nothing to fit against
    return budget;
  }
  budget.soft_before = limit.rlim_cur;
  budget.hard = limit.rlim_max;
  const rlim_t needed = static_cast<rlim_t>(wanted) + descriptors_beside_views;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
    const rlim_t raised =
        limit.rlim_max == RLIM_INFINITY ? needed : std::min(needed, limit.rlim_max);
    rlimit wider{raised, limit.rlim_max};
    if (setrlimit(RLIMIT_NOFILE, &wider) == 0) limit.rlim_cur = raised;
  }
  budget.soft = limit.rlim_cur;
  budget.concurrency = limit.rlim_cur == RLIM_INFINITY
                           ? wanted
                           : concurrency_within(wanted, static_cast<std::uint64_t>(limit.rlim_cur));
  return budget;
}

}  // namespace geocrawl
