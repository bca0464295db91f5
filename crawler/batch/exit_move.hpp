#pragma once
// A proxy that a re-check during a crawl found exiting outside the country it served: plain
// data for the crawl's summary.
#include <string>

namespace geocrawl {

struct exit_move {
  std::string proxy;
  std::string from;  // the country it served
  std::string to;    // where the re-check placed it; empty when nowhere (or the databases disagree)
  std::string at;    // the re-check's time, UTC
};

}  // namespace geocrawl
