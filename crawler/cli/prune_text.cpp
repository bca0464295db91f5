#include "crawler/cli/prune_text.hpp"

#include <fmt/format.h>

namespace geocrawl {

namespace {

std::string run_list(const std::vector<std::int64_t>& runs) {
  std::string text = fmt::format("{} run{}", runs.size(), runs.size() == 1 ? "" : "s");
  if (runs.empty()) return text;
  text += " (";
  for (std::size_t i = 0; i < runs.size(); ++i) text += (i ? ", " : "") + std::to_string(runs[i]);
  return text + ")";
}

std::string counts_text(const prune_counts& counts) {
  auto text = fmt::format("{}: {} sites, {} views, {} bodies ({})", run_list(counts.runs),
                          counts.sites, counts.views, counts.bodies, byte_text(counts.body_bytes));
  if (counts.kept_sites > 0)
    text += fmt::format("; {} sites kept for their verdict", counts.kept_sites);
  return text;
}

}  // namespace

std::string byte_text(std::int64_t bytes) {
  const double value = static_cast<double>(bytes);
  if (bytes < 1'000) return fmt::format("{} B", bytes);
  if (bytes < 1'000'000) return fmt::format("{:.1f} kB", value / 1e3);
  if (bytes < 1'000'000'000) return fmt::format("{:.1f} MB", value / 1e6);
  return fmt::format("{:.1f} GB", value / 1e9);
}

void print_prune_plan(std::ostream& out, const prune_plan& plan) {
  out << "would remove " << counts_text(plan.counts) << "; would free about "
      << byte_text(plan.estimated_bytes) << " (an estimate)\n";
}

void print_prune_result(std::ostream& out, const prune_result& result) {
  out << "pruned " << counts_text(result.counts) << "; freed " << byte_text(result.freed_bytes)
      << fmt::format(" in {:.1f} s\n", static_cast<double>(result.elapsed.count()) / 1000.0);
}

}  // namespace geocrawl
