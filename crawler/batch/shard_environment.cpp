#include "crawler/batch/shard_environment.hpp"

#include <charconv>
#include <string>

namespace geocrawl {

namespace {

constexpr std::string_view slurm_id = "SLURM_ARRAY_TASK_ID";
constexpr std::string_view slurm_count = "SLURM_ARRAY_TASK_COUNT";
constexpr std::string_view slurm_min = "SLURM_ARRAY_TASK_MIN";
constexpr std::string_view kubernetes_index = "JOB_COMPLETION_INDEX";

[[noreturn]] void refuse(const std::string& message) {
  throw shard_environment_error("--shard auto: " + message);
}

// A set variable as a number: decimal digits only (no sign, no space), within 32 bits.
std::optional<std::uint32_t> number(const environment_lookup& environment, std::string_view name) {
  const auto value = environment(name);
  if (!value) return std::nullopt;
  std::uint32_t parsed = 0;
  const auto* end = value->data() + value->size();
  const bool digits =
      !value->empty() && value->find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::from_chars(value->data(), end, parsed).ptr != end) {
    refuse(std::string(name) + " is '" + value->substr(0, 40) +
           "', which is not a non-negative number");
  }
  return parsed;
}

std::uint32_t required(const environment_lookup& environment, std::string_view name,
                       std::string_view why) {
  const auto value = number(environment, name);
  if (!value) refuse(std::string(name) + " is not set (" + std::string(why) + ")");
  return *value;
}

std::optional<run_shard> slurm_shard(const environment_lookup& environment,
                                     std::optional<std::uint32_t> shards) {
  const auto id = number(environment, slurm_id);
  if (!id) return std::nullopt;
  const auto count = required(environment, slurm_count, "a Slurm job array sets it with the ID");
  const auto first = number(environment, slurm_min).value_or(0);
  if (count == 0) refuse(std::string(slurm_count) + " is 0");
  if (*id < first) {
    refuse(std::string(slurm_id) + " " + std::to_string(*id) + " is below " +
           std::string(slurm_min) + " " + std::to_string(first));
  }
  if (*id - first >= count) {
    refuse(std::string(slurm_id) + " " + std::to_string(*id) + " minus " + std::string(slurm_min) +
           " " + std::to_string(first) + " is not below " + std::string(slurm_count) + " " +
           std::to_string(count) + " (a stepped or sparse array cannot be a shard array)");
  }
  if (shards && *shards != count) {
    refuse("--shards " + std::to_string(*shards) + " disagrees with " + std::string(slurm_count) +
           " " + std::to_string(count));
  }
  return run_shard{.index = *id - first, .count = count};
}

std::optional<run_shard> kubernetes_shard(const environment_lookup& environment,
                                          std::optional<std::uint32_t> shards) {
  const auto index = number(environment, kubernetes_index);
  if (!index) return std::nullopt;
  if (!shards) {
    refuse(std::string(kubernetes_index) +
           " is set but --shards N is not (an Indexed Job does not tell a pod its completions)");
  }
  if (*index >= *shards) {
    refuse(std::string(kubernetes_index) + " " + std::to_string(*index) +
           " is not below --shards " + std::to_string(*shards));
  }
  return run_shard{.index = *index, .count = *shards};
}

}  // namespace

run_shard shard_from_environment(const environment_lookup& environment,
                                 std::optional<std::uint32_t> shards) {
  if (shards && *shards == 0) refuse("--shards must be at least 1");
  const auto slurm = slurm_shard(environment, shards);
  const auto kubernetes = kubernetes_shard(environment, shards);
  if (slurm && kubernetes && !(*slurm == *kubernetes)) {
    refuse(std::string(slurm_id) + " gives shard " + to_string(*slurm) + " but " +
           std::string(kubernetes_index) + " gives " + to_string(*kubernetes));
  }
  if (slurm) return *slurm;
  if (kubernetes) return *kubernetes;
  refuse("neither " + std::string(slurm_id) + " (a Slurm job array) nor " +
         std::string(kubernetes_index) + " (a Kubernetes Indexed Job) is set");
}

}  // namespace geocrawl
