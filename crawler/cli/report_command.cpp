#include "crawler/cli/report_command.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "crawler/cli/report_screenshots.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/run_networks.hpp"
#include "crawler/cli/stored_site.hpp"
#include "crawler/cli/stored_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/verdict_words.hpp"
#include "crawler/domain/registrable_domain.hpp"
#include "crawler/report/network_page.hpp"
#include "crawler/report/report_writer.hpp"
#include "crawler/report/site_page.hpp"
#include "crawler/store/network_reader.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

namespace {

// Refused before anything is read, so a mistaken --out costs nothing; with --force the old
// report is cleared only once the run and sites are known to be there (clear_old_report).
void check_out_folder(const std::filesystem::path& dir, existing_report existing) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) return;  // report_writer creates it
  if (!std::filesystem::is_directory(dir, error))
    throw usage_error("--out " + dir.string() + ": not a folder");
  if (std::filesystem::is_empty(dir, error) || existing == existing_report::replace) return;
  throw usage_error("--out " + dir.string() +
                    ": not empty; --force replaces geocrawl's report files in it (index.html, "
                    "sites/, networks/, screenshots/) and leaves everything else");
}

void clear_old_report(const std::filesystem::path& dir) {
  // index.html first: a report interrupted from here on has no index, so it never looks whole.
  std::filesystem::remove(dir / "index.html");
  std::filesystem::remove_all(dir / site_pages_folder);
  std::filesystem::remove_all(dir / network_pages_folder);
  std::filesystem::remove_all(dir / screenshots_folder);
}

// The newest lookup of the site's registrable domain, as fetch and crawl key it; a failed one
// says why on the page.
void fill_registrar(evidence_reader& reader, report_site& site) {
  const auto parsed = parse_web_url(site.url);
  const auto domain = parsed ? registrable_domain(connect_host(*parsed)) : std::nullopt;
  if (!domain) return;
  const auto lookup = reader.newest_registrar(*domain);
  if (!lookup) return;
  if (lookup->outcome == rdap_outcome::found) {
    site.registrar = registrar_info{lookup->registrar, lookup->registrar_iana_id,
                                    lookup->abuse_email, lookup->abuse_phone};
    return;
  }
  site.registrar_unknown_why = std::string(to_string(lookup->outcome));
  if (!lookup->error.empty()) site.registrar_unknown_why += ": " + lookup->error;
}

std::string screenshot_summary(screenshot_mode mode, const screenshot_tally& tally) {
  if (mode == screenshot_mode::skip) return "screenshots not taken (--no-screenshots)";
  std::int64_t failed = 0;
  std::string reasons;
  for (const auto& [code, count] : tally.failed) {
    failed += count;
    reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", code, count);
  }
  auto text = fmt::format("{} screenshots taken, {} failed", tally.taken, failed);
  return reasons.empty() ? text : text + " (" + reasons + ")";
}

struct report_request {
  std::int64_t run_id = 0;
  site_filter filter;
  network_settings networks;
};

std::vector<std::string> vantages_of(network_reader& reader,
                                     const std::vector<std::int64_t>& views) {
  std::vector<std::string> vantages;
  for (const auto view : views) vantages.push_back(reader.view_vantage(view));
  return vantages;
}

// The run's networks, linked by the same code `networks` runs and numbered as the run was; the
// site pages' network by URL. Reads only: the report changes no number.
std::vector<report_network> networks_of(const std::string& database, const report_request& request,
                                        std::unordered_map<std::string, std::int64_t>& network_of) {
  network_reader reader(database);
  const auto numbered = link_and_number(reader, request.run_id, request.networks);
  std::vector<report_network> networks;
  for (const auto i : numbered.by_number()) {
    const auto& linked = numbered.linked.networks[i];
    auto& network = networks.emplace_back();
    network.id = numbered.ids[i];
    for (const auto site : linked.sites) {
      network.members.push_back(numbered.sites.at(site).url);
      network_of[network.members.back()] = network.id;
    }
    std::sort(network.members.begin(), network.members.end());
    for (const auto& id : linked.identifiers)
      network.identifiers.push_back({std::string(to_string(id.kind)), id.value});
    for (const auto& link : linked.links) {
      network.links.push_back({std::string(to_string(link.kind)),
                               link.value,
                               {numbered.sites.at(link.a).url, vantages_of(reader, link.a_views)},
                               {numbered.sites.at(link.b).url, vantages_of(reader, link.b_views)}});
    }
  }
  return networks;
}

// The run and the sites the command line names, each checked to be there.
report_request resolve(evidence_reader& reader, const report_command_options& options,
                       const std::optional<std::int64_t>& run,
                       std::vector<cloaking_verdict> verdicts) {
  report_request request;
  request.run_id = stored_run(reader, run, options.database);
  request.filter.verdicts = std::move(verdicts);
  for (const auto& text : options.sites)
    request.filter.urls.push_back(find_stored_site(reader, request.run_id, text).url);
  return request;
}

void write(evidence_reader& reader, const report_command_options& options,
           const report_request& request, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const std::filesystem::path dir = options.out;
  // Summaries are small; the evidence (bodies and all) is loaded one site at a time below.
  std::vector<site_summary> summaries;
  reader.sites(request.run_id, request.filter,
               [&](const site_summary& site) { summaries.push_back(site); });
  const auto times = reader.times_of(request.run_id);
  clear_old_report(dir);

  const page_analyzer analyzer(load_shipped_lexicon());
  screenshot_settings settings;
  settings.browser = options.browser;
  const auto mode = options.no_screenshots ? screenshot_mode::skip : screenshot_mode::take;
  report_screenshots screenshots(dir, mode, settings);
  std::unordered_map<std::string, std::int64_t> network_of;  // by site URL
  report_writer report(
      dir, report_run{std::to_string(request.run_id), times.started_at, times.finished_at},
      networks_of(options.database, request, network_of));
  for (const auto& summary : summaries) {
    auto evidence = reader.load_site(summary.id, body_loading::load);
    restore_visible_text(analyzer, evidence.views);
    report_site site;
    site.url = summary.url;
    site.comparison = std::move(evidence.verdict);
    site.score = summary.score;
    site.screenshots = screenshots.of(evidence.views);
    site.rendered_screenshots = screenshots.rendered_of(evidence.views);
    site.views = std::move(evidence.views);
    fill_registrar(reader, site);
    if (const auto found = network_of.find(site.url); found != network_of.end())
      site.network_id = found->second;
    report.add(site);
  }
  report.finish();

  const auto& tally = screenshots.tally();
  // Said once, however many pages could not be drawn: it is the same reason for all of them.
  if (!tally.unavailable_why.empty())
    err << "geocrawl: the report has no screenshots: " << tally.unavailable_why << "\n";
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  out << fmt::format("report: {} sites of run {}, {}, in {:.1f} s\n", summaries.size(),
                     request.run_id, screenshot_summary(mode, tally), seconds.count());
  out << "open file://" << std::filesystem::absolute(dir / "index.html").string() << "\n";
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, report_command_options& options) {
  auto* report = app.add_subcommand(
      "report", "Write a run's evidence as a static HTML report, with screenshots of the pages");
  report->add_option("--db", options.database, "SQLite database to read")->capture_default_str();
  report->add_option("--run", options.run, "A run id, or latest: the newest crawl run (default)");
  report->add_option("--verdict", options.verdicts, "Only sites with this verdict (repeatable)");
  report->add_option("--site", options.sites,
                     "Only this site, as stored or as given to fetch or crawl (repeatable)");
  report
      ->add_option("--out", options.out,
                   "The report folder: index.html, sites/, networks/, screenshots/")
      ->required();
  report->add_option("--config", options.config_file,
                     "TOML config file: its [networks] rules, as for geocrawl networks");
  report->add_flag("--no-screenshots", options.no_screenshots,
                   "Start no browser; the pages say screenshots were not taken");
  report
      ->add_option("--browser", options.browser,
                   "Chromium to draw the screenshots with: a path or a name in PATH")
      ->capture_default_str();
  report->add_flag_callback(
      "--force", [&options] { options.existing = existing_report::replace; },
      "Write into a folder that is not empty, replacing geocrawl's report files in it");
  return report;
}

int run_report_command(const report_command_options& options, std::ostream& out,
                       std::ostream& err) {
  // Checked before the database is opened: a wrong flag is a usage error wherever it is.
  const auto run = run_flag_value("--run", options.run);
  auto verdicts = parse_verdict_words("--verdict", options.verdicts);
  const auto networks = configured_network_settings(options.config_file);
  check_out_folder(options.out, options.existing);
  return read_stored_evidence(options.database, err, [&](evidence_reader& reader) {
    auto request = resolve(reader, options, run, std::move(verdicts));
    request.networks = networks;
    write(reader, options, request, out, err);
  });
}

}  // namespace geocrawl
