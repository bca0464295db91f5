#pragma once
// Runs the geocrawl binary as a user would, capturing what it prints and its exit status.
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace geocrawl::testing {

// The geocrawl binary under test, for tests that start it as a child_process themselves.
std::string geocrawl_binary();

// Bounded (60 s), so a hung binary fails the test instead of CI.
command_result run_geocrawl(const std::vector<std::string>& arguments);

}  // namespace geocrawl::testing
