// The scorer must be able to fail: a perfect answer scores 1 and 1, and wrong partitions of the
// real corpus (networks split, networks merged, everything joined, nothing joined) score low.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "tests/support/network_corpus.hpp"
#include "tests/support/network_scoring.hpp"

namespace geocrawl::testing {

TEST_CASE("network scoring: a small partition counted by hand") {
  // Truth: {a b c} {d e}, f alone. Answer: {a b} {c d}, e f alone.
  const site_partition truth = {{"a", 1}, {"b", 1}, {"c", 1}, {"d", 2}, {"e", 2}, {"f", 0}};
  const site_partition found = {{"a", 7}, {"b", 7}, {"c", 9}, {"d", 9}};
  const auto counts = score_partition(truth, found);
  CHECK(counts.true_positive == 1);   // a-b
  CHECK(counts.false_positive == 1);  // c-d
  CHECK(counts.false_negative == 3);  // a-c, b-c, d-e
  CHECK(counts.true_negative == 10);  // 15 pairs in all
  CHECK(counts.precision() == doctest::Approx(0.5));
  CHECK(counts.recall() == doctest::Approx(0.25));
  CHECK(describe(counts) == "precision 0.5000 recall 0.2500 (pairs: TP 1 FP 1 FN 3 TN 10)");
}

TEST_CASE("network scoring: the truth scored against itself is perfect, wrong partitions are not") {
  const auto corpus = generate_network_corpus({});
  const auto truth = read_truth_tsv(truth_tsv(corpus));
  REQUIRE(truth.size() == corpus.sites.size());

  const auto perfect = score_partition(truth, truth);
  CHECK(perfect.precision() == 1.0);
  CHECK(perfect.recall() == 1.0);
  CHECK(perfect.false_positive == 0);
  CHECK(perfect.false_negative == 0);

  site_partition halves;       // each network split in two
  site_partition merged;       // networks joined two by two
  site_partition one_blob;     // every site in one network
  site_partition with_decoys;  // every WordPress site joined into network 1
  std::size_t seen = 0;
  for (const auto& site : corpus.sites) {
    if (site.network) {
      halves[site.host] = site.network * 2 + static_cast<std::int64_t>(seen++ % 2);
      merged[site.host] = (site.network + 1) / 2;
      with_decoys[site.host] = site.network;
    }
    if (site.role == corpus_role::wordpress_site) with_decoys[site.host] = 1;
    one_blob[site.host] = 1;
  }
  const auto split = score_partition(truth, halves);
  CHECK(split.precision() == 1.0);
  CHECK(split.recall() < 0.6);
  const auto joined = score_partition(truth, merged);
  CHECK(joined.recall() == 1.0);
  CHECK(joined.precision() < 0.7);
  CHECK(score_partition(truth, one_blob).precision() < 0.1);
  CHECK(score_partition(truth, with_decoys).precision() < 0.5);
  const auto nothing = score_partition(truth, {});
  CHECK(nothing.precision() == 0.0);
  CHECK(nothing.recall() == 0.0);
}

TEST_CASE("network scoring: an answer about unknown sites is refused, not scored") {
  CHECK_THROWS_AS(score_partition({{"a", 1}, {"b", 1}}, {{"a", 1}, {"z", 1}}),
                  std::invalid_argument);
}

TEST_CASE("network scoring: networks read from the JSON networks prints") {
  const std::string json = R"({"run": 3, "networks": [
      {"id": 12, "sites": [{"url": "https://kusuri-shop.jp/", "domain": "kusuri-shop.jp", "verdict": "cloaked"},
                           {"url": "https://rx-mart.com/", "domain": "rx-mart.com"}],
       "identifiers": [{"kind": "telegram", "value": "rx_abcde12"}],
       "links": [{"a": "kusuri-shop.jp", "b": "rx-mart.com", "kind": "telegram"}]},
      {"id": 13, "sites": [{"url": "http://genki-store.net/", "domain": "genki-store.net"}],
       "identifiers": [], "links": []}],
    "weak": [], "excluded": []})";
  const auto partition = read_networks_json(json);
  CHECK(partition ==
        site_partition{{"kusuri-shop.jp", 12}, {"rx-mart.com", 12}, {"genki-store.net", 13}});

  const auto twice = R"({"networks": [{"id": 1, "sites": [{"domain": "a.com"}]},
                                      {"id": 2, "sites": [{"domain": "a.com"}]}]})";
  CHECK_THROWS_AS(read_networks_json(twice), std::runtime_error);
  CHECK_THROWS(read_networks_json(R"({"run": 1})"));
}

}  // namespace geocrawl::testing
