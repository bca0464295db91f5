#pragma once
// The valid name a mistyped one was most likely meant to be, for "did you mean …?" in the
// messages of the command line and the config reader.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// The candidate closest to `typed` by edit distance (insertions, deletions, substitutions
// and swaps of neighbours, ASCII case ignored), if it is close enough to be a typo: at most
// a third of the longer name's letters apart. Ties go to the earlier candidate.
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace geocrawl
