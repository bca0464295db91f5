// A disk that fills up, without mount privileges: a program whose files cannot grow past a size
// (RLIMIT_FSIZE, through util-linux's prlimit). SIGXFSZ is ignored, so a write past the limit
// fails with EFBIG, as a write to a full disk fails with ENOSPC, instead of killing the program.
// The limit holds for every file the program writes, its stdout and stderr files included.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace geocrawl::testing {

// The words that run `words` (words[0] a path or a name in PATH) under that limit, for
// child_process or run_command.
std::vector<std::string> with_file_size_limit(std::uint64_t bytes,
                                              const std::vector<std::string>& words);

}  // namespace geocrawl::testing
