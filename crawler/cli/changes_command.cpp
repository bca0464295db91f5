#include "crawler/cli/changes_command.hpp"

#include <array>
#include <filesystem>
#include <system_error>

#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "crawler/changes/network_changes.hpp"
#include "crawler/changes/site_changes.hpp"
#include "crawler/changes/site_host.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/terminal_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/store/export_reader.hpp"
#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;

// How many sites came out which way, and how many changes of each kind.
struct change_counts {
  std::int64_t sites = 0;  // of the run
  std::int64_t changed = 0;
  std::int64_t gone = 0;
  std::array<std::int64_t, all_change_kinds.size()> kinds{};

  void add(const site_history& history, const std::vector<site_change>& changes) {
    if (history.now) {
      ++sites;
      if (!changes.empty()) ++changed;
    } else {
      ++gone;
    }
    for (const auto& change : changes) ++kinds[static_cast<std::size_t>(change.kind)];
  }
};

std::string verdict_text(const std::string& verdict) {
  return verdict.empty() ? "not compared" : verdict;
}

std::string state_text(const std::string& state) {
  return state.empty() ? "an ordinary page" : state;
}

// One change as a line of the report, without the site; page text escaped for the terminal.
std::string change_line(const site_change& change, const site_history& history) {
  const auto vantage = change.vantage.empty() ? "" : terminal_text(change.vantage) + ": ";
  switch (change.kind) {
    case change_kind::new_site:
      return "new: in no earlier run";
    case change_kind::site_gone:
      return "gone: in run " + std::to_string(history.before->run_id) + ", not in this one";
    case change_kind::newly_cloaked:
      return "newly cloaked (was " + verdict_text(change.before) + ")";
    case change_kind::no_longer_cloaked:
      return "no longer cloaked: now " + verdict_text(change.after);
    case change_kind::verdict_changed:
      return "verdict changed from " + change.before + " to " + change.after;
    case change_kind::now_unreachable:
      return "now unreachable (was " + verdict_text(change.before) + ")";
    case change_kind::reachable_again:
      return "reachable again: now " + verdict_text(change.after);
    case change_kind::registrar_changed:
      return "registrar changed from " + terminal_text(change.before) + " to " +
             terminal_text(change.after);
    case change_kind::page_state_changed:
      return vantage + "page state changed from " + state_text(change.before) + " to " +
             state_text(change.after);
    case change_kind::host_moved:
      return vantage + "final host moved from " + terminal_text(change.before) + " to " +
             terminal_text(change.after) + " (same registrable domain)";
    case change_kind::domain_moved:
      return vantage + "final host moved from " + terminal_text(change.before) + " to " +
             terminal_text(change.after) + " (another registrable domain)";
    case change_kind::drugs_added:
      return vantage + "drugs added: " + terminal_text(change.after);
    case change_kind::drugs_gone:
      return vantage + "drugs gone: " + terminal_text(change.before);
    case change_kind::title_changed:
      return vantage + "title changed from " + quoted_terminal_text(change.before) + " to " +
             quoted_terminal_text(change.after);
  }
  return std::string(to_string(change.kind));
}

void print_site(std::ostream& out, const site_history& history,
                const std::vector<site_change>& changes) {
  const auto& url = history.now ? history.now->url : history.before->url;
  out << terminal_text(url);
  if (history.now && history.before) out << "  (against run " << history.before->run_id << ")";
  out << "\n";
  for (const auto& change : changes) out << "  " << change_line(change, history) << "\n";
}

// "3 sites in run 3: 2 changed, 1 unchanged; 1 gone. Changes: newly_cloaked 1, drugs_added 2"
void print_summary(std::ostream& out, std::int64_t run_id, const change_counts& counts) {
  out << counts.sites << " sites in run " << run_id << ": " << counts.changed << " changed, "
      << counts.sites - counts.changed << " unchanged; " << counts.gone << " gone.";
  std::string kinds;
  for (const auto kind : all_change_kinds) {
    const auto count = counts.kinds[static_cast<std::size_t>(kind)];
    if (count == 0) continue;
    kinds += (kinds.empty() ? " Changes: " : ", ") + std::string(to_string(kind)) + " " +
             std::to_string(count);
  }
  out << (kinds.empty() ? " No changes." : kinds + ".") << "\n";
}

// A network's domains in a line of text: the first few, then how many more (a network formed
// tonight may have thousands; --json lists them all).
constexpr std::size_t domains_shown = 20;

std::string counted(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string domains_text(const network_change& change) {
  std::string text;
  for (std::size_t i = 0; i < change.domains.size() && i < domains_shown; ++i)
    text += (i == 0 ? "" : ", ") + terminal_text(change.domains[i]);
  if (change.domains.size() > domains_shown)
    text += " and " + std::to_string(change.domains.size() - domains_shown) + " more";
  return text;
}

// "network 12 gained 3 domains: a.example, b.example, c.example"
std::string network_line(const network_change& change) {
  const auto network = "network " + std::to_string(change.network_id);
  const auto domains = counted(change.domains.size(), "domain") + ": " + domains_text(change);
  switch (change.kind) {
    case network_change_kind::network_formed:
      return network + " formed of " + domains;
    case network_change_kind::network_gained:
      return network + " gained " + domains;
    case network_change_kind::network_lost:
      return network + " lost " + domains;
    case network_change_kind::network_dissolved:
      return network + " dissolved (it had " + domains + ")";
  }
  return network + " " + std::string(to_string(change.kind));
}

std::string against_text(const network_history& history) {
  return history.previous_run_id ? "against run " + std::to_string(*history.previous_run_id)
                                 : "no earlier run numbered";
}

// Said only where some run's networks were numbered: a database that never had them has no
// network news, and neither has a run, or a --since run, that was not numbered (its numbering
// failed, or an older geocrawl crawled it), rather than every network dissolved or formed.
void print_networks(std::ostream& out, const network_history& history,
                    const std::vector<network_change>& changes) {
  if (!history.any_numbered) return;
  if (const auto run = history.unnumbered_run) {
    out << "Networks: run " << *run << " was not numbered (`geocrawl networks --run " << *run
        << "` numbers it).\n";
    return;
  }
  if (history.before.empty() && history.now.empty()) return;
  if (!changes.empty()) out << "networks (" << against_text(history) << "):\n";
  std::array<std::int64_t, all_network_change_kinds.size()> kinds{};
  for (const auto& change : changes) {
    out << "  " << network_line(change) << "\n";
    ++kinds[static_cast<std::size_t>(change.kind)];
  }
  std::string counts;
  for (const auto kind : all_network_change_kinds) {
    const auto count = kinds[static_cast<std::size_t>(kind)];
    if (count > 0)
      counts +=
          (counts.empty() ? "" : ", ") + std::string(to_string(kind)) + " " + std::to_string(count);
  }
  if (counts.empty()) {
    out << "No network changes (" << against_text(history) << ").\n";
  } else {
    out << "Network changes (" << against_text(history) << "): " << counts << ".\n";
  }
}

boost::json::object networks_json(const network_history& history,
                                  const std::vector<network_change>& changes) {
  boost::json::array list;
  boost::json::object kinds;
  for (const auto kind : all_network_change_kinds) kinds[to_string(kind)] = 0;
  for (const auto& change : changes) {
    boost::json::array domains(change.domains.begin(), change.domains.end());
    boost::json::array urls(change.urls.begin(), change.urls.end());
    list.push_back({{"change", to_string(change.kind)},
                    {"network_id", change.network_id},
                    {"domains", std::move(domains)},
                    {"sites", std::move(urls)}});
    kinds[to_string(change.kind)] = kinds[to_string(change.kind)].as_int64() + 1;
  }
  boost::json::object networks{{"previous_run_id", nullptr},
                               {"numbered", !history.unnumbered_run},
                               {"changes", std::move(list)},
                               {"summary", std::move(kinds)}};
  if (history.previous_run_id) networks["previous_run_id"] = *history.previous_run_id;
  return networks;
}

boost::json::object site_json(const site_history& history,
                              const std::vector<site_change>& changes) {
  boost::json::array list;
  for (const auto& change : changes) {
    boost::json::object item{{"change", to_string(change.kind)},
                             {"vantage", nullptr},
                             {"before", change.before},
                             {"after", change.after}};
    if (!change.vantage.empty()) item["vantage"] = change.vantage;
    list.push_back(std::move(item));
  }
  boost::json::object site{{"url", history.now ? history.now->url : history.before->url},
                           {"previous_run_id", nullptr},
                           {"gone", !history.now},
                           {"changes", std::move(list)}};
  if (history.before) site["previous_run_id"] = history.before->run_id;
  return site;
}

boost::json::object summary_json(const change_counts& counts) {
  boost::json::object kinds;
  for (const auto kind : all_change_kinds)
    kinds[to_string(kind)] = counts.kinds[static_cast<std::size_t>(kind)];
  return {{"sites", counts.sites},
          {"changed", counts.changed},
          {"unchanged", counts.sites - counts.changed},
          {"gone", counts.gone},
          {"changes", std::move(kinds)}};
}

// Text: a block per changed site, then the summary. JSON: one object whose "sites" array is
// written an element at a time.
void print_changes(export_reader& reader, const history_request& request, bool json,
                   std::ostream& out) {
  change_counts counts;
  if (json) {
    out << R"({"run_id":)" << request.run_id << R"(,"since":)"
        << (request.since ? std::to_string(*request.since) : "null") << R"(,"sites":[)";
  }
  reader.site_histories(request, [&](const site_history& history) {
    const auto changes = site_changes(history);
    if (!changes.empty() && json) {
      out << (counts.changed + counts.gone > 0 ? "," : "")
          << json_output(site_json(history, changes));
    } else if (!changes.empty()) {
      print_site(out, history, changes);
    }
    counts.add(history, changes);
  });
  const auto networks = reader.networks_since(request.run_id, request.since);
  const auto network_news = networks.unnumbered_run
                                ? std::vector<network_change>{}
                                : network_changes(networks.before, networks.now);
  if (json) {
    out << R"(],"networks":)" << json_output(networks_json(networks, network_news))
        << R"(,"summary":)" << json_output(summary_json(counts)) << "}\n";
  } else {
    print_summary(out, request.run_id, counts);
    print_networks(out, networks, network_news);
  }
}

}  // namespace

CLI::App* add_changes_command(CLI::App& app, changes_command_options& options) {
  auto* changes = app.add_subcommand(
      "changes", "What changed in a run since each site's previous run: verdicts, pages, drugs");
  changes->add_option("--db", options.database, "SQLite database to read")->capture_default_str();
  changes->add_option("--run", options.run, "A run id, or latest: the newest crawl run (default)");
  changes->add_option("--since", options.since,
                      "Compare every site with this run (default: each site's previous run)");
  changes->add_flag("--json", options.json, "Print one JSON object instead of the report");
  return changes;
}

int run_changes_command(const changes_command_options& options, std::ostream& out,
                        std::ostream& err) {
  const auto requested = run_flag_value("--run", options.run);
  std::optional<std::int64_t> since;
  if (options.since) {
    since = run_flag_value("--since", *options.since);
    if (!since) throw usage_error("--since latest: name the earlier run by its id");
  }
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return exit_failed;
  }
  try {
    export_reader reader(options.database);
    const auto run_id = requested ? requested : reader.latest_run();
    if (!run_id) {
      err << "geocrawl: --db " << options.database << ": no run to compare\n";
      return exit_failed;
    }
    // A run pruned whole has no sites left to compare: say when it went. One pruned with sites
    // kept for their verdict compares what remains, and a note says so.
    const auto readable = [&](std::string_view flag, std::int64_t id) {
      const auto lookup = reader.look_up(id);
      switch (lookup.presence) {
        case run_presence::present:
          return true;
        case run_presence::partly_pruned:
          err << "geocrawl: " << describe_presence(id, lookup) << "\n";
          return true;
        case run_presence::absent:
          err << "geocrawl: " << flag << " " << id << ": no such run in " << options.database
              << "\n";
          return false;
        case run_presence::being_pruned:
        case run_presence::pruned:
          err << "geocrawl: " << describe_presence(id, lookup) << "\n";
          return false;
      }
      return false;
    };
    if (!readable("--run", *run_id)) return exit_failed;
    if (since && !readable("--since", *since)) return exit_failed;
    if (since == run_id)
      throw usage_error("--since " + *options.since + ": that is the run itself");
    print_changes(reader, {.run_id = *run_id, .since = since, .domain_of = registrar_domain},
                  options.json, out);
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return exit_failed;
  }
  return 0;
}

}  // namespace geocrawl
