#pragma once
// A database of four crawl runs over the same sites file, written through the real store, for
// the tests of `geocrawl changes` (the store's read, the change list, the binary):
//   run 1 (done):   shop.example and clinic.example, both consistent, no drugs.
//   run 2 (done):   shop.example cloaked: jp lands on pharma.example and names sildenafil,
//                   default on www.shop.example; new.example first seen; clinic.example missing.
//   run 3 (failed): shop.example inconclusive: a failed run is nobody's previous run.
//   run 4 (done):   every view of shop.example fails (unreachable); clinic.example, last seen in
//                   run 1, shows a suspended page under a hostile title; new.example missing.
// Each run on its own day, 01:00 to 02:00 UTC, with registrar lookups (RDAP) in between:
//   shop.example:   Alpha in run 1; in run 2 found again, then rate limited; a timeout in run 3;
//                   Bravo in run 4 (the flagship that escaped); Charlie after run 4 ended.
//   clinic.example: Alpha in run 1; rate limited in run 4.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

// Quotes, a line break that would forge a report line, a terminal escape and a byte that is no
// UTF-8: the title clinic.example's default view has in run 4.
inline constexpr std::string_view hostile_title = "Account \"suspended\"\n\x1b[31mpay now\xff";

// The registrars shop.example had by runs 2 and 4, as `changes` writes them.
inline constexpr std::string_view first_registrar = "Alpha Registrar (IANA ID 1001)";
inline constexpr std::string_view escaped_to_registrar = "Bravo Registrar, Inc. (IANA ID 2002)";

struct run_history_database {
  temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::int64_t first = 0;
  std::int64_t cloaked = 0;
  std::int64_t failed = 0;
  std::int64_t latest = 0;

  run_history_database();

 private:
  void record_runs();
};

}  // namespace geocrawl::testing
