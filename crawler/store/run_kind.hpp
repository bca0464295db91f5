#pragma once
// Which command a run recorded. The words are stable: they are stored in runs.command and
// printed by `geocrawl runs`.
#include <optional>
#include <string_view>

namespace geocrawl {

enum class run_kind {
  fetch,          // one URL from the command line
  crawl,          // a sites file: the only kind --resume takes
  proxies_check,  // `geocrawl proxies check --db`: the checks alone
};

std::string_view to_string(run_kind kind) noexcept;
// The kind a word names, as to_string writes it; nullopt for any other word.
std::optional<run_kind> parse_run_kind(std::string_view word) noexcept;

}  // namespace geocrawl
