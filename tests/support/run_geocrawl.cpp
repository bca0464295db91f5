#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

command_result run_geocrawl(const std::vector<std::string>& arguments) {
  std::vector<std::string> words = {GEOCRAWL_BIN};
  words.insert(words.end(), arguments.begin(), arguments.end());
  return run_command(words);
}

}  // namespace geocrawl::testing
