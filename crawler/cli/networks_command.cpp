#include "crawler/cli/networks_command.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "crawler/cli/csv_writer.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/run_networks.hpp"
#include "crawler/cli/staged_file.hpp"
#include "crawler/cli/terminal_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/store/network_reader.hpp"
#include "crawler/store/sqlite.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;

boost::json::array views_json(const std::vector<std::int64_t>& views) {
  boost::json::array list;
  for (const auto view : views) list.push_back(view);
  return list;
}

boost::json::object network_json(const numbered_networks& result, std::size_t i) {
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
void print_json(const numbered_networks& result, std::ostream& out) {
  out << R"({"run":)" << result.run_id << R"(,"networks":[)";
  bool first = true;
  for (const auto i : result.by_number()) {
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

void print_text(const numbered_networks& result, std::ostream& out) {
  const auto members = result.member_count();
  const auto counted = [](std::size_t count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
  };
  out << "Run " << result.run_id << ": " << counted(result.linked.networks.size(), "network")
      << " of " << counted(members, "site") << " (" << counted(result.sites.size(), "site")
      << " in the run); " << counted(result.linked.weak.size(), "weak identifier") << " shared; "
      << result.linked.excluded.size() << " excluded.\n";
  for (const auto i : result.by_number()) {
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
void write_csv(const numbered_networks& result, std::ostream& stream) {
  csv_writer csv(stream, byte_order_mark::omit);
  for (const auto* column : {"network_id", "url", "domain", "verdict", "registrar", "identifiers"})
    csv.text(column);
  csv.end_row();
  for (const auto i : result.by_number()) {
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
  const auto settings = configured_network_settings(options.config_file);
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return exit_failed;
  }
  try {
    numbered_networks result;
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
      result = link_and_number(reader, *run_id, settings);
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
