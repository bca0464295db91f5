#include "tests/support/file_size_limit.hpp"

namespace geocrawl::testing {

std::vector<std::string> with_file_size_limit(std::uint64_t bytes,
                                              const std::vector<std::string>& words) {
  // An ignored signal stays ignored across exec; the shell is the one place to ignore it
  // without touching the test's own signal state.
  std::vector<std::string> wrapped = {
      "/bin/sh", "-c", "trap '' XFSZ; exec prlimit --fsize=" + std::to_string(bytes) + " -- \"$@\"",
      "sh"};
  wrapped.insert(wrapped.end(), words.begin(), words.end());
  return wrapped;
}

}  // namespace geocrawl::testing
