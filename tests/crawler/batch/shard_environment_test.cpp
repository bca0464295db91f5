#include "crawler/batch/shard_environment.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace geocrawl {

namespace {

struct environment_case {
  const char* name;
  std::map<std::string, std::string, std::less<>> variables;
  std::optional<std::uint32_t> shards;
  std::optional<run_shard> shard;  // nullopt: an error
  const char* error_names = "";    // what the error must name
};

}  // namespace

TEST_CASE("--shard auto reads Slurm's array task or Kubernetes' completion index") {
  const environment_case cases[] = {
      {"slurm from 0",
       {{"SLURM_ARRAY_TASK_ID", "2"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "0"}},
       std::nullopt,
       run_shard{2, 4}},
      {"slurm without MIN counts from 0",
       {{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       std::nullopt,
       run_shard{3, 4}},
      {"slurm numbered 1..N",
       {{"SLURM_ARRAY_TASK_ID", "1"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "1"}},
       std::nullopt,
       run_shard{0, 4}},
      {"slurm with a matching --shards",
       {{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "2"}},
       2U,
       run_shard{0, 2}},
      {"kubernetes", {{"JOB_COMPLETION_INDEX", "5"}}, 8U, run_shard{5, 8}},
      {"both agreeing",
       {{"SLURM_ARRAY_TASK_ID", "1"},
        {"SLURM_ARRAY_TASK_COUNT", "3"},
        {"JOB_COMPLETION_INDEX", "1"}},
       3U,
       run_shard{1, 3}},
      {"nothing set", {}, std::nullopt, std::nullopt, "SLURM_ARRAY_TASK_ID"},
      {"slurm without its count",
       {{"SLURM_ARRAY_TASK_ID", "1"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_COUNT"},
      {"slurm id not a number",
       {{"SLURM_ARRAY_TASK_ID", "one"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_ID"},
      {"slurm id negative",
       {{"SLURM_ARRAY_TASK_ID", "-1"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_ID"},
      {"slurm count empty",
       {{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", ""}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_COUNT"},
      {"slurm count zero",
       {{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "0"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_COUNT"},
      {"slurm index past the count",
       {{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_COUNT"},
      {"slurm 1..N without MIN",
       {{"SLURM_ARRAY_TASK_ID", "4"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "5"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_MIN"},
      {"slurm min not a number",
       {{"SLURM_ARRAY_TASK_ID", "1"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "x"}},
       std::nullopt,
       std::nullopt,
       "SLURM_ARRAY_TASK_MIN"},
      {"--shards against slurm's count",
       {{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       8U,
       std::nullopt,
       "SLURM_ARRAY_TASK_COUNT"},
      {"kubernetes without --shards",
       {{"JOB_COMPLETION_INDEX", "0"}},
       std::nullopt,
       std::nullopt,
       "--shards"},
      {"kubernetes index past --shards",
       {{"JOB_COMPLETION_INDEX", "4"}},
       4U,
       std::nullopt,
       "JOB_COMPLETION_INDEX"},
      {"kubernetes index not a number",
       {{"JOB_COMPLETION_INDEX", "4 "}},
       8U,
       std::nullopt,
       "JOB_COMPLETION_INDEX"},
      {"the schedulers disagree",
       {{"SLURM_ARRAY_TASK_ID", "1"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"JOB_COMPLETION_INDEX", "2"}},
       4U,
       std::nullopt,
       "JOB_COMPLETION_INDEX"},
      {"--shards 0", {{"JOB_COMPLETION_INDEX", "0"}}, 0U, std::nullopt, "--shards"},
  };
  for (const auto& each : cases) {
    CAPTURE(each.name);
    const environment_lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
      const auto found = each.variables.find(name);
      if (found == each.variables.end()) return std::nullopt;
      return found->second;
    };
    if (each.shard) {
      CHECK(shard_from_environment(lookup, each.shards) == *each.shard);
    } else {
      try {
        const auto shard = shard_from_environment(lookup, each.shards);
        FAIL("expected an error, got shard " << to_string(shard));
      } catch (const shard_environment_error& error) {
        const std::string message = error.what();
        CAPTURE(message);
        CHECK(message.find(each.error_names) != std::string::npos);
        CHECK(message.starts_with("--shard auto: "));
      }
    }
  }
}

}  // namespace geocrawl
