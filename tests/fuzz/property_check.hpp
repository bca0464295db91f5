#pragma once
// A property a fuzz target checks on every input. A broken one aborts, so libFuzzer keeps
// the input as a crash and scripts/fuzz.sh fails, exactly as for a sanitizer report.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace geocrawl::testing {

inline void require(bool holds, std::string_view property) {
  if (holds) return;
  std::fprintf(stderr, "property broken: %.*s\n", static_cast<int>(property.size()),
               property.data());
  std::abort();
}

}  // namespace geocrawl::testing
