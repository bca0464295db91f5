// Pairwise precision and recall of "same network": every pair of sites is a yes or a no in the
// ground truth and in what `geocrawl networks` found, and the four counts compare the two. A
// pair of two sites in no network is a true negative; a site the answer leaves out is in no
// network. Computed from the contingency table of the two partitions, so 100,000 sites cost
// one pass, not five billion pairs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace geocrawl::testing {

// Site (registrable domain) -> network number; 0, or absent, for "in no network".
using site_partition = std::map<std::string, std::int64_t>;

struct pair_confusion {
  std::uint64_t true_positive = 0;   // same network in both
  std::uint64_t false_positive = 0;  // joined by the answer, apart in the truth
  std::uint64_t false_negative = 0;  // together in the truth, apart in the answer
  std::uint64_t true_negative = 0;

  // 0 when the answer joins no pair at all: claiming nothing earns nothing.
  double precision() const;
  // 1 when the truth has no pair to find.
  double recall() const;
};

// Throws std::invalid_argument when `found` names a site the truth does not know: the answer
// is about other sites, and scoring it would hide that.
pair_confusion score_partition(const site_partition& truth, const site_partition& found);

// The partition in `geocrawl networks --json`: each site of each entry of "networks", by its
// "domain", under the entry's "id". Throws std::runtime_error when the text is not that shape
// or a site is in two networks.
site_partition read_networks_json(std::string_view json);

// Reads truth_tsv's text (network_corpus.hpp) back.
site_partition read_truth_tsv(std::string_view tsv);

// "precision 0.993 recall 0.951 (pairs: TP 1234 FP 9 FN 63 TN 47000)".
std::string describe(const pair_confusion& counts);

}  // namespace geocrawl::testing
