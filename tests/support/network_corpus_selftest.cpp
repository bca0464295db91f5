// The generated network corpus is only worth measuring against if its ground truth is honest:
// every network held together by identifiers its pages really show, no identifier crossing from
// one network to another or to a decoy unless it is a shared default, and the obfuscations the
// issue names really on the pages.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "tests/support/network_corpus.hpp"
#include "tests/support/network_scoring.hpp"

namespace geocrawl::testing {

namespace {

std::size_t count_role(const network_corpus& corpus, corpus_role role) {
  return static_cast<std::size_t>(
      std::count_if(corpus.sites.begin(), corpus.sites.end(),
                    [role](const corpus_site& site) { return site.role == role; }));
}

// What a reader of the page sees of a phone: its last four digits, in ASCII or full-width.
bool shows_phone(const std::string& page, const std::string& e164) {
  const auto tail = e164.substr(e164.size() - 4);
  std::string wide;
  for (const char c : tail) {
    wide += "\xEF\xBC";
    wide += static_cast<char>(0x90 + (c - '0'));
  }
  return page.find(tail) != std::string::npos || page.find(wide) != std::string::npos;
}

struct union_find {
  std::vector<std::size_t> parent;
  explicit union_find(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t root(std::size_t i) { return parent[i] == i ? i : parent[i] = root(parent[i]); }
  void join(std::size_t a, std::size_t b) { parent[root(a)] = root(b); }
};

// The components a linker finds that joins every two sites showing one identifier value, shared
// defaults too or not, and each site to the sites of the corpus its sister links and its
// certificate's names point at: site -> component number, sites alone left out.
site_partition link_by_identifiers(const network_corpus& corpus, bool with_shared_defaults) {
  union_find groups(corpus.sites.size());
  std::map<std::string, std::size_t> first_with;
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < corpus.sites.size(); ++i) index_of[corpus.sites[i].host] = i;
  for (std::size_t i = 0; i < corpus.sites.size(); ++i) {
    for (const auto& placed : corpus.sites[i].identifiers) {
      if (placed.shared_default && !with_shared_defaults) continue;
      const auto inserted =
          first_with.emplace(std::string(to_string(placed.kind)) + " " + placed.value, i);
      if (!inserted.second) groups.join(inserted.first->second, i);
    }
    std::vector<std::string> pointed_at = corpus.sites[i].sister_hosts;
    pointed_at.insert(pointed_at.end(), corpus.sites[i].certificate_names.begin(),
                      corpus.sites[i].certificate_names.end());
    for (const auto& host : pointed_at)
      if (const auto found = index_of.find(host); found != index_of.end())
        groups.join(found->second, i);
  }
  std::map<std::size_t, std::size_t> sizes;
  for (std::size_t i = 0; i < corpus.sites.size(); ++i) ++sizes[groups.root(i)];
  site_partition found;
  for (std::size_t i = 0; i < corpus.sites.size(); ++i)
    if (sizes[groups.root(i)] > 1)
      found[corpus.sites[i].host] = static_cast<std::int64_t>(groups.root(i)) + 1;
  return found;
}

}  // namespace

TEST_CASE(
    "network corpus: the default has at least 300 sites in at least 12 networks, with the decoys") {
  const auto corpus = generate_network_corpus({});
  CHECK(corpus.sites.size() >= 300);
  CHECK(corpus.networks >= 12);
  CHECK(count_role(corpus, corpus_role::wordpress_site) == 100);
  CHECK(count_role(corpus, corpus_role::cdn_shop) >= 20);
  CHECK(count_role(corpus, corpus_role::legitimate_pharmacy) >= 20);
  std::set<std::string> hosts;
  std::set<int> networks;
  for (const auto& site : corpus.sites) {
    CHECK(hosts.insert(site.host).second);
    CHECK((site.network != 0) == (site.role == corpus_role::network_shop));
    if (site.network) networks.insert(site.network);
  }
  CHECK(static_cast<int>(networks.size()) == corpus.networks);
}

TEST_CASE("network corpus: the same seed gives the same sites and pages, another seed others") {
  const auto first = generate_network_corpus({});
  const auto again = generate_network_corpus({});
  REQUIRE(first.sites.size() == again.sites.size());
  for (std::size_t i = 0; i < first.sites.size(); ++i) {
    CHECK(first.sites[i].host == again.sites[i].host);
    CHECK(first.sites[i].identifiers == again.sites[i].identifiers);
    CHECK(render_page(first.sites[i]) == render_page(again.sites[i]));
  }
  CHECK(truth_tsv(first) != truth_tsv(generate_network_corpus({.seed = 21})));
}

TEST_CASE(
    "network corpus: each network is connected by the identifiers its pages show, none crosses "
    "networks") {
  // Joining every two sites that show one value (shared defaults aside) finds exactly the
  // truth: recall 1 says each network is connected, precision 1 that no value crosses from
  // one network to another or to a decoy.
  const auto corpus = generate_network_corpus({});
  const auto truth = read_truth_tsv(truth_tsv(corpus));
  const auto linked = score_partition(truth, link_by_identifiers(corpus, false));
  CHECK(linked.precision() == 1.0);
  CHECK(linked.recall() == 1.0);
  std::map<std::string, int> network_of;
  for (const auto& site : corpus.sites) network_of[site.host] = site.network;
  for (const auto& site : corpus.sites) {
    for (const auto& sister : site.sister_hosts) {
      INFO(site.host << " links to " << sister);
      REQUIRE(network_of.contains(sister));
      CHECK(network_of[sister] == site.network);
    }
    // What decoys link to is outside the corpus: it must link nothing.
    for (const auto& outside : site.outside_links) CHECK_FALSE(network_of.contains(outside));
  }
}

TEST_CASE("network corpus: two networks are held only by sister links and by certificate names") {
  const auto corpus = generate_network_corpus({});
  std::map<int, std::vector<const corpus_site*>> shops_of;
  for (const auto& site : corpus.sites)
    if (site.network != 0) shops_of[site.network].push_back(&site);
  int sister_only = 0;
  int certificate_only = 0;
  for (const auto& [network, shops] : shops_of) {
    // No identifier value on two shops of the network.
    std::set<std::string> seen;
    bool shared = false;
    for (const auto* shop : shops)
      for (const auto& placed : shop->identifiers)
        shared = !seen.insert(std::string(to_string(placed.kind)) + placed.value).second || shared;
    if (shared) continue;
    const bool certificates = std::all_of(shops.begin(), shops.end(), [](const corpus_site* shop) {
      return !shop->certificate_names.empty();
    });
    const bool sisters = std::any_of(shops.begin(), shops.end(), [](const corpus_site* shop) {
      return !shop->sister_hosts.empty();
    });
    certificate_only += certificates && !sisters ? 1 : 0;
    sister_only += sisters && !certificates ? 1 : 0;
  }
  CHECK(sister_only == 1);
  CHECK(certificate_only == 1);
  // Decoys: eight CDN shops link to one outside review site; pharmacies link to group sites.
  std::map<std::string, int> outside_links;
  for (const auto& site : corpus.sites)
    for (const auto& outside : site.outside_links) ++outside_links[outside];
  CHECK(std::any_of(outside_links.begin(), outside_links.end(),
                    [](const auto& entry) { return entry.second == 8; }));
  CHECK(outside_links.size() > 20);
}

TEST_CASE("network corpus: rotating networks have no identifier on every shop") {
  const auto corpus = generate_network_corpus({});
  int rotating = 0;
  for (int network = 3; network <= corpus.networks; network += 3) {
    std::map<std::string, std::size_t> shown;
    std::size_t shops = 0;
    for (const auto& site : corpus.sites) {
      if (site.network != network) continue;
      ++shops;
      for (const auto& placed : site.identifiers)
        ++shown[std::string(to_string(placed.kind)) + placed.value];
    }
    INFO("network " << network);
    for (const auto& entry : shown) CHECK(entry.second < shops);
    ++rotating;
  }
  CHECK(rotating >= 4);
}

TEST_CASE("network corpus: every placed identifier is on its page, in the forms the issue names") {
  const auto corpus = generate_network_corpus({});
  bool bracket_at = false, wide_at = false, wide_digits = false, json_config = false,
       japanese = false, english = false;
  for (const auto& site : corpus.sites) {
    const auto page = render_page(site);
    INFO(site.host);
    for (const auto& placed : site.identifiers) {
      INFO(to_string(placed.kind) << " " << placed.value);
      switch (placed.kind) {
        case identifier_kind::phone:
          CHECK(shows_phone(page, placed.value));
          break;
        case identifier_kind::whatsapp:
          CHECK(page.find(placed.value.substr(1)) != std::string::npos);
          break;
        case identifier_kind::email:
          CHECK(page.find(placed.value.substr(0, placed.value.find('@'))) != std::string::npos);
          CHECK(page.find(placed.value.substr(placed.value.find('@') + 1)) != std::string::npos);
          break;
        case identifier_kind::checkout_host:
          // A shop that takes orders on its own host posts to a relative path.
          CHECK(page.find(placed.value == site.host
                              ? "action=\"/checkout\""
                              : "https://" + placed.value + "/order/") != std::string::npos);
          break;
        default:
          CHECK(page.find(placed.value) != std::string::npos);
      }
    }
    bracket_at = bracket_at || page.find(" [at] ") != std::string::npos;
    wide_at = wide_at || page.find("＠") != std::string::npos;
    wide_digits = wide_digits || page.find("０") != std::string::npos;
    json_config = json_config || page.find("\"measurementId\":\"G-") != std::string::npos ||
                  page.find("\"measurementId\":\"UA-") != std::string::npos;
    japanese = japanese || (site.network && page.find("バイアグラ") != std::string::npos);
    english = english || (site.network && page.find("Viagra") != std::string::npos);
  }
  CHECK(bracket_at);
  CHECK(wide_at);
  CHECK(wide_digits);
  CHECK(json_config);
  CHECK(japanese);
  CHECK(english);
}

TEST_CASE("network corpus: scaled options keep the proportions") {
  const auto options = scaled_options(100'000, 7);
  const auto corpus = generate_network_corpus(options);
  CHECK(corpus.sites.size() > 90'000);
  CHECK(corpus.sites.size() < 110'000);
  CHECK(count_role(corpus, corpus_role::wordpress_site) > 30'000);
}

TEST_CASE("network corpus: the decoys defeat a linker that keeps shared defaults") {
  // What the corpus asks of `networks`: the theme's defaults and the big gateways, left in,
  // join a hundred unrelated sites.
  const auto corpus = generate_network_corpus({});
  const auto naive =
      score_partition(read_truth_tsv(truth_tsv(corpus)), link_by_identifiers(corpus, true));
  MESSAGE("linking shared defaults too: " << describe(naive));
  CHECK(naive.precision() < 0.5);
}

}  // namespace geocrawl::testing
