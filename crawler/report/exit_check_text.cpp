#include "crawler/report/exit_check_text.hpp"

#include <string>

namespace geocrawl {

namespace {

// Tenths of a second are as fine as an analyst needs to say how fresh a check was.
std::string seconds_text(std::chrono::milliseconds age) {
  const auto tenths = age.count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

}  // namespace

std::vector<std::string> exit_check_lines(const view& seen) {
  std::vector<std::string> lines;
  if (seen.exit_changed) {
    lines.emplace_back(
        "the exit moved to another country while this view was served: its country is not "
        "evidence");
  }
  if (!seen.exit_checked_at.empty()) {
    auto line = "exit checked at " + seen.exit_checked_at;
    if (seen.exit_check_age) line += ", " + seconds_text(*seen.exit_check_age) + " before the view";
    lines.push_back(std::move(line));
  }
  if (!seen.exit_unverified.empty()) lines.push_back("exit not verified: " + seen.exit_unverified);
  return lines;
}

}  // namespace geocrawl
