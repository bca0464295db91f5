#pragma once
// What the comparison of two views of a site concludes, and of the site as a whole. The
// words are stable: they are written to JSON, SQLite and CSV, and `export --verdict`
// filters on them.
#include <optional>
#include <string_view>

namespace geocrawl {

enum class cloaking_verdict {
  consistent,    // both sides see the same offer
  cloaked,       // material evidence that the sides are shown different things
  inconclusive,  // some difference, or one side failed: an analyst should look
  unreachable,   // neither side got a page
};

std::string_view to_string(cloaking_verdict verdict) noexcept;
// "" for no verdict (a site seen from one vantage), which JSON writes as null and SQLite as NULL.
std::string_view to_string(const std::optional<cloaking_verdict>& verdict) noexcept;
// The verdict a word names, as to_string writes it; nullopt for any other word.
std::optional<cloaking_verdict> parse_cloaking_verdict(std::string_view word) noexcept;

}  // namespace geocrawl
