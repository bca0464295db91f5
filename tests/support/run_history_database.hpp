#pragma once
// A database of four crawl runs over the same sites file, written through the real store, for
// the tests of `geocrawl changes` (the store's read, the change list, the binary):
//   run 1 (done):   shop.example and clinic.example, both consistent, no drugs.
//   run 2 (done):   shop.example cloaked: jp lands on pharma.example and names sildenafil,
//                   default on www.shop.example; new.example first seen; clinic.example missing.
//   run 3 (failed): shop.example inconclusive: a failed run is nobody's previous run.
//   run 4 (done):   every view of shop.example fails (unreachable); clinic.example, last seen in
//                   run 1, shows a suspended page under a hostile title; new.example missing.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

// Quotes, a line break that would forge a report line, a terminal escape and a byte that is no
// UTF-8: the title clinic.example's default view has in run 4.
inline constexpr std::string_view hostile_title = "Account \"suspended\"\n\x1b[31mpay now\xff";

struct run_history_database {
  temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::int64_t first = 0;
  std::int64_t cloaked = 0;
  std::int64_t failed = 0;
  std::int64_t latest = 0;

  run_history_database();
};

}  // namespace geocrawl::testing
