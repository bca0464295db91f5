#pragma once
// Sites into networks: every strong identifier shared by two or more sites joins them, and a
// network is a connected component (union-find over site ids). A sister link or a certificate
// name (link_strength.hpp: points_at_site) joins the site showing it to the site of the run
// whose registrable domain it names, which the caller looks up. Rows arrive ordered by
// (kind, value), as the store streams them, so only one identifier's sightings are held at a
// time; what is kept is ints per site and the links' evidence, never the run's rows.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crawler/networks/exclusion_rule.hpp"
#include "parsers/page_identifier.hpp"

namespace geocrawl {

// Two sites joined by one identifier, with the views where each showed it.
struct network_link {
  identifier_kind kind = identifier_kind::email;
  std::string value;
  std::int64_t a = 0;  // site ids, a < b
  std::int64_t b = 0;
  std::vector<std::int64_t> a_views;
  std::vector<std::int64_t> b_views;
};

struct linked_network {
  std::vector<std::int64_t> sites;           // sorted
  std::vector<page_identifier> identifiers;  // what holds it together, sorted
  std::vector<network_link> links;
};

// A weak identifier several sites share: shown, never joining.
struct shared_identifier {
  identifier_kind kind = identifier_kind::ip;
  std::string value;
  std::vector<std::int64_t> sites;  // sorted
};

struct excluded_identifier {
  identifier_kind kind = identifier_kind::email;
  std::string value;
  exclusion_rule rule = exclusion_rule::placeholder;
  std::size_t sites = 0;  // in this run
};

struct network_result {
  std::vector<linked_network> networks;  // by smallest site id
  std::vector<shared_identifier> weak;
  std::vector<excluded_identifier> excluded;
};

// Whether an identifier is excluded, and by which rule.
using exclusion_check =
    std::function<std::optional<exclusion_rule>(identifier_kind, std::string_view)>;

// A site of the run with its views: the evidence, on the far side of a sister link or a
// certificate name, that the domain pointed at is that site's.
struct domain_site {
  std::int64_t site = 0;
  std::vector<std::int64_t> views;
};

// The sites of the run whose registrable domain is `domain`, by site id; none when no site of
// the run is on it.
using domain_sites = std::function<std::vector<domain_site>(std::string_view domain)>;

class network_linker {
 public:
  network_linker(exclusion_check excluded, domain_sites sites_on);

  // One sighting: `site_id` showed (kind, value) in `view_id`. Rows must come grouped by
  // (kind, value); within a group, in any order.
  void add(identifier_kind kind, std::string_view value, std::int64_t site_id,
           std::int64_t view_id);
  // A sighting that is the site's rather than one of its views' (its domain's name servers,
  // from its registrar record): it names no view. Grouped like add's rows.
  void add_site(identifier_kind kind, std::string_view value, std::int64_t site_id);
  network_result finish();

 private:
  struct sighting {
    std::int64_t site;
    std::int64_t view;
    auto operator<=>(const sighting&) const = default;
  };
  using site_sightings = std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>>;
  void flush();
  void link_to_sites(const site_sightings& sites);
  void join(std::int64_t a, std::int64_t b);
  std::uint32_t index_of(std::int64_t site);
  std::uint32_t root(std::uint32_t index);

  exclusion_check excluded_;
  domain_sites sites_on_;
  identifier_kind kind_ = identifier_kind::email;
  std::string value_;
  std::vector<sighting> group_;
  std::unordered_map<std::int64_t, std::uint32_t> index_;
  std::vector<std::int64_t> site_of_;
  std::vector<std::uint32_t> parent_;
  std::vector<network_link> links_;
  network_result result_;
};

}  // namespace geocrawl
