#pragma once
// Verdict words given on the command line (export --verdict, prune --keep-verdict), checked
// against the closed set: an unknown word is a usage error that lists the valid ones.
#include <string>
#include <string_view>
#include <vector>

#include "crawler/verdict/cloaking_verdict.hpp"

namespace geocrawl {

// Throws usage_error naming `flag` for the first word that is no verdict.
std::vector<cloaking_verdict> parse_verdict_words(std::string_view flag,
                                                  const std::vector<std::string>& words);

}  // namespace geocrawl
