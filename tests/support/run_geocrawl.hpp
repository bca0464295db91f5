#pragma once
// Runs the geocrawl binary as a user would, capturing what it prints and its exit status.
#include <string>
#include <vector>

namespace geocrawl::testing {

struct command_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Bounded by coreutils `timeout` (60 s), so a hung binary fails the test instead of CI.
command_result run_geocrawl(const std::vector<std::string>& arguments);

}  // namespace geocrawl::testing
