#pragma once
// What `geocrawl prune` and a crawl's retention print: what would go or went, and the space.
#include <cstdint>
#include <ostream>
#include <string>

#include "crawler/store/run_pruner.hpp"

namespace geocrawl {

// "1.5 MB": decimal units, one decimal, as df -H and ls --si print them.
std::string byte_text(std::int64_t bytes);

// "would remove 3 runs (4, 5, 6): 300 sites, 600 views, 80 bodies; would free about 12.0 MB
// (an estimate)".
void print_prune_plan(std::ostream& out, const prune_plan& plan);
// "pruned 3 runs (4, 5, 6): 300 sites, 600 views, 80 bodies; freed 11.2 MB in 0.8 s".
void print_prune_result(std::ostream& out, const prune_result& result);

}  // namespace geocrawl
