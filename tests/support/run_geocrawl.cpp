#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

std::string geocrawl_binary() { return GEOCRAWL_BIN; }

command_result run_geocrawl(const std::vector<std::string>& arguments) {
  std::vector<std::string> words = {geocrawl_binary()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  return run_command(words);
}

}  // namespace geocrawl::testing
