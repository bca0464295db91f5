#include "tests/support/network_scoring.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <utility>

namespace geocrawl::testing {

namespace {

std::uint64_t pairs(std::uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

double pair_confusion::precision() const {
  const auto claimed = true_positive + false_positive;
  return claimed ? static_cast<double>(true_positive) / static_cast<double>(claimed) : 0.0;
}

double pair_confusion::recall() const {
  const auto real = true_positive + false_negative;
  return real ? static_cast<double>(true_positive) / static_cast<double>(real) : 1.0;
}

pair_confusion score_partition(const site_partition& truth, const site_partition& found) {
  for (const auto& entry : found)
    if (!truth.contains(entry.first))
      throw std::invalid_argument("the answer names a site the truth does not know: " +
                                  entry.first);
  // Sizes of the truth's networks, the answer's networks, and their intersections.
  std::map<std::int64_t, std::uint64_t> truth_sizes;
  std::map<std::int64_t, std::uint64_t> found_sizes;
  std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> both;
  for (const auto& entry : truth) {
    const auto real = entry.second;
    const auto answer = found.contains(entry.first) ? found.at(entry.first) : 0;
    if (real != 0) ++truth_sizes[real];
    if (answer != 0) ++found_sizes[answer];
    if (real != 0 && answer != 0) ++both[{real, answer}];
  }
  pair_confusion counts;
  std::uint64_t real_pairs = 0;
  std::uint64_t claimed_pairs = 0;
  for (const auto& entry : truth_sizes) real_pairs += pairs(entry.second);
  for (const auto& entry : found_sizes) claimed_pairs += pairs(entry.second);
  for (const auto& entry : both) counts.true_positive += pairs(entry.second);
  counts.false_positive = claimed_pairs - counts.true_positive;
  counts.false_negative = real_pairs - counts.true_positive;
  counts.true_negative =
      pairs(truth.size()) - counts.true_positive - counts.false_positive - counts.false_negative;
  return counts;
}

site_partition read_networks_json(std::string_view json) {
  const auto document = boost::json::parse(json);
  site_partition partition;
  for (const auto& network : document.at("networks").as_array()) {
    const auto id = network.at("id").to_number<std::int64_t>();
    if (id == 0) throw std::runtime_error("a network with id 0, which means none");
    for (const auto& site : network.at("sites").as_array()) {
      const std::string domain(site.at("domain").as_string());
      if (!partition.emplace(domain, id).second)
        throw std::runtime_error("a site in two networks: " + domain);
    }
  }
  return partition;
}

site_partition read_truth_tsv(std::string_view tsv) {
  site_partition truth;
  bool header = true;
  while (!tsv.empty()) {
    const auto end = tsv.find('\n');
    const auto line = tsv.substr(0, end);
    tsv = end == std::string_view::npos ? std::string_view{} : tsv.substr(end + 1);
    if (std::exchange(header, false) || line.empty()) continue;
    const auto tab = line.find('\t');
    const auto second_tab = line.find('\t', tab + 1);
    if (tab == std::string_view::npos || second_tab == std::string_view::npos)
      throw std::runtime_error("truth line without its three columns: " + std::string(line));
    const auto network = line.substr(tab + 1, second_tab - tab - 1);
    truth[std::string(line.substr(0, tab))] = network == "-" ? 0 : std::stoll(std::string(network));
  }
  return truth;
}

std::string describe(const pair_confusion& counts) {
  return fmt::format("precision {:.4f} recall {:.4f} (pairs: TP {} FP {} FN {} TN {})",
                     counts.precision(), counts.recall(), counts.true_positive,
                     counts.false_positive, counts.false_negative, counts.true_negative);
}

}  // namespace geocrawl::testing
