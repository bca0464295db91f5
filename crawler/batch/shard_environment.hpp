#pragma once
// `--shard auto`: the shard a scheduler gave this task, read from its environment (issue 21).
//   Slurm job array:         SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN
//                            (index = ID - MIN, so arrays numbered 1..N work; MIN absent: 0)
//   Kubernetes Indexed Job:  JOB_COMPLETION_INDEX, with the count from --shards N
// A missing, non-numeric or inconsistent variable is an error naming it. The lookup is
// injected (environment_lookup, as for ${VAR} in the config), so the rules are a pure function
// tested with tables of cases.
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "crawler/config/env_expansion.hpp"
#include "crawler/store/run_shard.hpp"

namespace geocrawl {

// The environment names no shard, or contradicts itself or --shards: a usage error.
class shard_environment_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `shards`: --shards N, required with JOB_COMPLETION_INDEX, checked against Slurm's count.
run_shard shard_from_environment(const environment_lookup& environment,
                                 std::optional<std::uint32_t> shards);

}  // namespace geocrawl
