#include "crawler/cli/networks_command.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "crawler/changes/site_host.hpp"
#include "crawler/cli/csv_writer.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/staged_file.hpp"
#include "crawler/cli/terminal_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/config/config.hpp"
#include "crawler/config/config_error.hpp"
#include "crawler/networks/name_server_value.hpp"
#include "crawler/networks/network_linker.hpp"
#include "crawler/networks/network_numbering.hpp"
#include "crawler/networks/placeholder_ids.hpp"
#include "crawler/store/network_reader.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;

struct member_site {
  std::string url;
  std::string domain;
  std::string verdict;
  std::string registrar;
};

// A run's networks, numbered, with what the output says of each member.
struct numbered_result {
  std::int64_t run_id = 0;
  network_result linked;
  std::vector<std::int64_t> ids;                        // per linked.networks
  std::unordered_map<std::int64_t, member_site> sites;  // every site of the run, by id
};

// Each domain of the run with its sites, by id: what a sister link or a certificate name
// pointing at the domain reaches.
std::unordered_map<std::string, std::vector<std::int64_t>> sites_by_domain(
    const std::unordered_map<std::int64_t, member_site>& sites) {
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

network_result link_run(network_reader& reader, const numbered_result& run,
                        const network_settings& settings, const geoip_database* asn_database) {
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
  asn_sightings asns(asn_database);
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
std::vector<std::int64_t> number_run(network_reader& reader, const numbered_result& result) {
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

numbered_result compute(network_reader& reader, std::int64_t run_id,
                        const network_settings& settings, const geoip_database* asn_database) {
  numbered_result result;
  result.run_id = run_id;
  reader.sites(run_id, [&](const network_site_row& row) {
    result.sites[row.site_id] = {row.url, registrar_domain(row.url), row.verdict, {}};
  });
  result.linked = link_run(reader, result, settings, asn_database);
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

// Networks in the order of their numbers.
std::vector<std::size_t> by_number(const numbered_result& result) {
  std::vector<std::size_t> order(result.ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return result.ids[x] < result.ids[y]; });
  return order;
}

boost::json::array views_json(const std::vector<std::int64_t>& views) {
  boost::json::array list;
  for (const auto view : views) list.push_back(view);
  return list;
}

boost::json::object network_json(const numbered_result& result, std::size_t i) {
  const auto& network = result.linked.networks[i];
  boost::json::array sites;
  for (const auto site : network.sites) {
    const auto& member = result.sites.at(site);
    boost::json::object item{{"url", member.url},
                             {"domain", member.domain},
                             {"verdict", member.verdict},
                             {"registrar", nullptr}};
    if (!member.registrar.empty()) item["registrar"] = member.registrar;
    sites.push_back(std::move(item));
  }
  boost::json::array identifiers;
  for (const auto& id : network.identifiers)
    identifiers.push_back({{"kind", to_string(id.kind)}, {"value", id.value}});
  boost::json::array links;
  for (const auto& link : network.links) {
    links.push_back({{"kind", to_string(link.kind)},
                     {"value", link.value},
                     {"strength", "strong"},
                     {"a", result.sites.at(link.a).url},
                     {"b", result.sites.at(link.b).url},
                     {"a_views", views_json(link.a_views)},
                     {"b_views", views_json(link.b_views)}});
  }
  return {{"id", result.ids[i]},
          {"sites", std::move(sites)},
          {"identifiers", std::move(identifiers)},
          {"links", std::move(links)}};
}

// One object, each network, weak and excluded identifier written as it is made: the whole
// document is never held (a run of 100,000 sites makes one of tens of megabytes).
void print_json(const numbered_result& result, std::ostream& out) {
  out << R"({"run":)" << result.run_id << R"(,"networks":[)";
  bool first = true;
  for (const auto i : by_number(result)) {
    out << (first ? "" : ",") << json_output(network_json(result, i));
    first = false;
  }
  out << R"(],"weak":[)";
  first = true;
  for (const auto& shared : result.linked.weak) {
    boost::json::array sites;
    for (const auto site : shared.sites)
      sites.push_back(boost::json::string(result.sites.at(site).url));
    out << (first ? "" : ",")
        << json_output(boost::json::object{{"kind", to_string(shared.kind)},
                                           {"value", shared.value},
                                           {"sites", std::move(sites)}});
    first = false;
  }
  out << R"(],"excluded":[)";
  first = true;
  for (const auto& item : result.linked.excluded) {
    out << (first ? "" : ",")
        << json_output(boost::json::object{{"kind", to_string(item.kind)},
                                           {"value", item.value},
                                           {"rule", to_string(item.rule)},
                                           {"sites", item.sites}});
    first = false;
  }
  out << "]}\n";
}

void print_text(const numbered_result& result, std::ostream& out) {
  std::size_t members = 0;
  for (const auto& network : result.linked.networks) members += network.sites.size();
  const auto counted = [](std::size_t count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
  };
  out << "Run " << result.run_id << ": " << counted(result.linked.networks.size(), "network")
      << " of " << counted(members, "site") << " (" << counted(result.sites.size(), "site")
      << " in the run); " << counted(result.linked.weak.size(), "weak identifier") << " shared; "
      << result.linked.excluded.size() << " excluded.\n";
  for (const auto i : by_number(result)) {
    const auto& network = result.linked.networks[i];
    out << "\nnetwork " << result.ids[i] << ": " << counted(network.sites.size(), "site") << "\n";
    for (const auto site : network.sites) {
      const auto& member = result.sites.at(site);
      out << "  " << terminal_text(member.url) << "  " << terminal_text(member.domain) << "  "
          << (member.verdict.empty() ? "not compared" : member.verdict) << "  "
          << (member.registrar.empty() ? "registrar unknown" : terminal_text(member.registrar))
          << "\n";
    }
    out << "  held by:";
    for (const auto& id : network.identifiers)
      out << " " << to_string(id.kind) << " " << terminal_text(id.value) << ";";
    out << "\n";
  }
  for (const auto& shared : result.linked.weak) {
    out << "\nweak " << to_string(shared.kind) << " " << terminal_text(shared.value) << ": "
        << shared.sites.size() << " sites (shown, never joining)\n";
  }
  for (const auto& item : result.linked.excluded) {
    out << "excluded " << to_string(item.kind) << " " << terminal_text(item.value) << " ("
        << to_string(item.rule) << "): " << item.sites << " sites\n";
  }
}

// One row per member site: network_id, url, domain, verdict, registrar, identifiers.
void write_csv(const numbered_result& result, std::ostream& stream) {
  csv_writer csv(stream, byte_order_mark::omit);
  for (const auto* column : {"network_id", "url", "domain", "verdict", "registrar", "identifiers"})
    csv.text(column);
  csv.end_row();
  for (const auto i : by_number(result)) {
    const auto& network = result.linked.networks[i];
    std::string identifiers;
    for (const auto& id : network.identifiers)
      identifiers +=
          (identifiers.empty() ? "" : "; ") + std::string(to_string(id.kind)) + ":" + id.value;
    for (const auto site : network.sites) {
      const auto& member = result.sites.at(site);
      csv.number(result.ids[i]);
      csv.text(member.url);
      csv.text(member.domain);
      csv.text(member.verdict);
      csv.text(member.registrar);
      csv.text(identifiers);
      csv.end_row();
    }
  }
  csv.flush();
}

void keep_numbers(const std::string& database, const numbered_result& result) {
  std::vector<network_member_row> members;
  for (std::size_t i = 0; i < result.linked.networks.size(); ++i) {
    for (const auto site : result.linked.networks[i].sites)
      members.push_back({result.ids[i], site, result.sites.at(site).url});
  }
  store(database).record_networks(result.run_id, members);
}

}  // namespace

CLI::App* add_networks_command(CLI::App& app, networks_command_options& options) {
  auto* networks = app.add_subcommand(
      "networks", "Which sites of a run are one network, by the identifiers they share");
  networks->add_option("--db", options.database, "SQLite database to read")->capture_default_str();
  networks->add_option("--run", options.run, "A run id, or latest: the newest crawl run (default)");
  networks->add_option("--config", options.config_file, "TOML config file: its [networks] rules");
  networks->add_flag("--json", options.json, "Print one JSON object instead of the report");
  networks->add_option("--out", options.out, "Write a CSV of the networks' sites to this file");
  return networks;
}

int run_networks_command(const networks_command_options& options, std::ostream& out,
                         std::ostream& err) {
  const auto requested = run_flag_value("--run", options.run);
  if (options.json && options.out) throw usage_error("--json and --out: choose one");
  network_settings settings;
  std::optional<geoip_database> asn_database;
  if (options.config_file) {
    try {
      settings = load_config(*options.config_file).networks;
      if (!settings.asn_database.empty()) asn_database.emplace(settings.asn_database);
    } catch (const config_error& error) {
      throw usage_error(error.what());
    } catch (const geoip_error& error) {
      throw usage_error(*options.config_file + ": networks.asn_database: " + error.what());
    }
  }
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return exit_failed;
  }
  try {
    numbered_result result;
    {
      network_reader reader(options.database);
      const auto run_id = requested ? requested : reader.latest_run();
      if (!run_id) {
        err << "geocrawl: --db " << options.database << ": no run to link\n";
        return exit_failed;
      }
      const auto lookup = reader.look_up(*run_id);
      if (lookup.presence == run_presence::absent) {
        err << "geocrawl: --run " << *run_id << ": no such run in " << options.database << "\n";
        return exit_failed;
      }
      if (lookup.presence != run_presence::present) {
        err << "geocrawl: " << describe_presence(*run_id, lookup) << "\n";
        if (lookup.presence != run_presence::partly_pruned) return exit_failed;
      }
      result = compute(reader, *run_id, settings, asn_database ? &*asn_database : nullptr);
    }
    keep_numbers(options.database, result);
    if (options.out) {
      staged_file file(*options.out);
      write_csv(result, file.stream());
      file.commit();
    } else if (options.json) {
      print_json(result, out);
    } else {
      print_text(result, out);
    }
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return exit_failed;
  } catch (const std::system_error& error) {
    err << "geocrawl: --out " << *options.out << ": " << error.what() << "\n";
    return exit_failed;
  } catch (const geoip_error& error) {  // an ASN database that opened but is corrupt
    err << "geocrawl: networks.asn_database: " << error.what() << "\n";
    return exit_failed;
  }
  return 0;
}

}  // namespace geocrawl
