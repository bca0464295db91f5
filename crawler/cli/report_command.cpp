#include "crawler/cli/report_command.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "crawler/cli/report_screenshots.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/stored_site.hpp"
#include "crawler/cli/stored_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/verdict_words.hpp"
#include "crawler/domain/registrable_domain.hpp"
#include "crawler/report/report_writer.hpp"
#include "crawler/report/site_page.hpp"
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
                    "sites/, screenshots/) and leaves everything else");
}

void clear_old_report(const std::filesystem::path& dir) {
  // index.html first: a report interrupted from here on has no index, so it never looks whole.
  std::filesystem::remove(dir / "index.html");
  std::filesystem::remove_all(dir / site_pages_folder);
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
};

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
  report_writer report(
      dir, report_run{std::to_string(request.run_id), times.started_at, times.finished_at});
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
  report->add_option("--out", options.out, "The report folder: index.html, sites/, screenshots/")
      ->required();
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
  check_out_folder(options.out, options.existing);
  return read_stored_evidence(options.database, err, [&](evidence_reader& reader) {
    const auto request = resolve(reader, options, run, std::move(verdicts));
    write(reader, options, request, out, err);
  });
}

}  // namespace geocrawl
