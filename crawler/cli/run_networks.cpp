#include "crawler/cli/run_networks.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "crawler/changes/site_host.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/config/config.hpp"
#include "crawler/config/config_error.hpp"
#include "crawler/networks/name_server_value.hpp"
#include "crawler/networks/network_numbering.hpp"
#include "crawler/networks/placeholder_ids.hpp"
#include "crawler/store/network_reader.hpp"
#include "crawler/store/store.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

namespace {

// Each domain of the run with its sites, by id: what a sister link or a certificate name
// pointing at the domain reaches.
std::unordered_map<std::string, std::vector<std::int64_t>> sites_by_domain(
    const std::unordered_map<std::int64_t, network_member>& sites) {
  std::unordered_map<std::string, std::vector<std::int64_t>> by_domain;
  for (const auto& [id, site] : sites) by_domain[site.domain].push_back(id);
  for (auto& [domain, ids] : by_domain) std::sort(ids.begin(), ids.end());
  return by_domain;
}

// The weak `asn` sightings of the run: each direct view's address (its `ip` rows, which come
// grouped by value) looked up once in the ASN database, kept to be fed after the stored rows.
class asn_sightings {
 public:
  explicit asn_sightings(const geoip_database* database) : database_(database) {}

  void see(const identifier_row& row) {
    if (database_ == nullptr || row.kind != to_string(identifier_kind::ip)) return;
    if (row.value != address_) {
      address_ = row.value;
      boost::system::error_code not_an_address;
      const auto address = boost::asio::ip::make_address(address_, not_an_address);
      std::optional<std::uint32_t> number;
      if (!not_an_address) number = database_->autonomous_system(address);
      asn_ = number ? "AS" + std::to_string(*number) : std::string();
    }
    if (!asn_.empty()) rows_.push_back({asn_, row.site_id, row.view_id});
  }

  void feed(network_linker& linker) {
    std::sort(rows_.begin(), rows_.end());
    for (const auto& row : rows_) linker.add(identifier_kind::asn, row.asn, row.site, row.view);
  }

 private:
  struct sighting {
    std::string asn;
    std::int64_t site = 0;
    std::int64_t view = 0;
    auto operator<=>(const sighting&) const = default;
  };
  const geoip_database* database_;
  std::string address_;
  std::string asn_;
  std::vector<sighting> rows_;
};

network_result link_run(network_reader& reader, const numbered_networks& run,
                        const network_settings& settings) {
  // The share rule counts distinct sites over the whole database, so a theme's default ID met
  // on many sites in earlier runs is known for what it is in a small run too.
  const auto total = reader.distinct_sites();
  const auto above = std::max(settings.min_sites, total * settings.max_share_percent / 100);
  std::set<std::pair<std::string, std::string>> widespread;
  reader.widespread(above, [&](std::string_view kind, std::string_view value) {
    widespread.emplace(kind, value);
  });
  const placeholder_ids placeholders(settings.ignore);
  const auto by_domain = sites_by_domain(run.sites);
  network_linker linker(
      [&](identifier_kind kind, std::string_view value) -> std::optional<exclusion_rule> {
        if (placeholders.matches(kind, value)) return exclusion_rule::placeholder;
        if (widespread.contains({std::string(to_string(kind)), std::string(value)}))
          return exclusion_rule::widespread;
        return std::nullopt;
      },
      [&](std::string_view domain) {
        std::vector<domain_site> on_domain;
        if (const auto found = by_domain.find(std::string(domain)); found != by_domain.end()) {
          for (const auto site : found->second) on_domain.push_back({site, reader.views_of(site)});
        }
        return on_domain;
      });
  // Opened when configured (config load checked that it opens); weak evidence only, so the
  // numbers do not depend on it.
  std::optional<geoip_database> asn_database;
  if (!settings.asn_database.empty()) asn_database.emplace(settings.asn_database);
  asn_sightings asns(asn_database ? &*asn_database : nullptr);
  reader.identifiers(run.run_id, [&](const identifier_row& row) {
    // A kind this build does not know (a newer geocrawl wrote it) links nothing here.
    if (const auto kind = identifier_kind_from(row.kind))
      linker.add(*kind, row.value, row.site_id, row.view_id);
    asns.see(row);
  });
  asns.feed(linker);
  // Name servers belong to a site's registrable domain, not to a view: from the newest
  // registrar lookup of each domain of the run, after the views' rows, grouped by value.
  std::vector<std::pair<std::string, std::int64_t>> name_servers;
  for (const auto& [domain, ids] : by_domain) {
    for (const auto& name : reader.name_servers(domain)) {
      auto value = name_server_value(name);
      if (value.empty()) continue;
      for (const auto site : ids) name_servers.emplace_back(value, site);
    }
  }
  std::sort(name_servers.begin(), name_servers.end());
  name_servers.erase(std::unique(name_servers.begin(), name_servers.end()), name_servers.end());
  for (const auto& [value, site] : name_servers)
    linker.add_site(identifier_kind::name_server, value, site);
  return linker.finish();
}

// Numbers as the run was numbered before, else by overlap with the newest earlier run's.
std::vector<std::int64_t> number_run(network_reader& reader, const numbered_networks& result) {
  std::map<std::int64_t, numbered_network> earlier;
  for (auto& row : reader.earlier_networks(result.run_id)) {
    auto& network = earlier[row.network_id];
    network.id = row.network_id;
    network.members.push_back(std::move(row.url));
  }
  std::vector<numbered_network> earlier_list;
  for (auto& [id, network] : earlier) earlier_list.push_back(std::move(network));
  std::vector<std::vector<std::string>> components;
  for (const auto& network : result.linked.networks) {
    auto& urls = components.emplace_back();
    for (const auto site : network.sites) urls.push_back(result.sites.at(site).url);
  }
  return number_networks(components, earlier_list, reader.next_network_id());
}

}  // namespace

std::vector<std::size_t> numbered_networks::by_number() const {
  std::vector<std::size_t> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return ids[x] < ids[y]; });
  return order;
}

std::size_t numbered_networks::member_count() const {
  std::size_t members = 0;
  for (const auto& network : linked.networks) members += network.sites.size();
  return members;
}

numbered_networks link_and_number(network_reader& reader, std::int64_t run_id,
                                  const network_settings& settings) {
  numbered_networks result;
  result.run_id = run_id;
  reader.sites(run_id, [&](const network_site_row& row) {
    result.sites[row.site_id] = {row.url, registrar_domain(row.url), row.verdict, {}};
  });
  result.linked = link_run(reader, result, settings);
  std::unordered_map<std::string, std::string> registrars;  // by domain, looked up once
  for (const auto& network : result.linked.networks) {
    for (const auto site : network.sites) {
      auto& member = result.sites.at(site);
      const auto [found, added] = registrars.try_emplace(member.domain);
      if (added) found->second = reader.registrar(member.domain);
      member.registrar = found->second;
    }
  }
  result.ids = number_run(reader, result);
  return result;
}

network_settings configured_network_settings(const std::optional<std::string>& config_file) {
  if (!config_file) return {};
  try {
    return load_config(*config_file).networks;
  } catch (const config_error& error) {
    throw usage_error(error.what());
  }
}

void keep_numbers(const std::string& database, const numbered_networks& result) {
  std::vector<network_member_row> members;
  for (std::size_t i = 0; i < result.linked.networks.size(); ++i) {
    for (const auto site : result.linked.networks[i].sites)
      members.push_back({result.ids[i], site, result.sites.at(site).url});
  }
  store(database).record_networks(result.run_id, members);
}

numbering_summary number_run_networks(const std::string& database, std::int64_t run_id,
                                      const network_settings& settings) {
  const auto started = std::chrono::steady_clock::now();
  numbered_networks result;
  {
    network_reader reader(database);
    result = link_and_number(reader, run_id, settings);
  }
  keep_numbers(database, result);
  return {result.linked.networks.size(), result.member_count(),
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                started)};
}

bool number_after_run(const std::string& database, std::int64_t run_id,
                      const network_settings& settings, std::ostream& out) {
  try {
    const auto done = number_run_networks(database, run_id, settings);
    out << fmt::format("networks: {} numbered ({} sites) in {:.1f} s\n", done.networks, done.sites,
                       static_cast<double>(done.elapsed.count()) / 1000.0);
    return true;
  } catch (const std::exception& error) {
    // A full disk, a database locked past its timeout, memory: whatever it is, the run's
    // results are already committed, and `networks` can number it later.
    out << "networks failed: " << error.what() << " (this run's results are stored; number its "
        << "networks with: geocrawl networks --run " << run_id << ")\n";
    return false;
  }
}

}  // namespace geocrawl
