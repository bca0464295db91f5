#include "crawler/cli/fetch_command.hpp"

#include <algorithm>
#include <optional>

#include "crawler/async/run_concurrently.hpp"
#include "crawler/batch/plain_http_fallback.hpp"
#include "crawler/batch/site_url.hpp"
#include "crawler/cli/command_line_words.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/proxy_check_report.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/view_json.hpp"
#include "crawler/cli/view_report.hpp"
#include "crawler/config/config.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/store/stored_analyses.hpp"
#include "crawler/vantage/network_session.hpp"
#include "crawler/vantage/vantage_fetch.hpp"
#include "crawler/vantage/vantage_plan.hpp"
#include "crawler/verdict/site_verdict.hpp"
#include "parsers/shipped_lexicon.hpp"

namespace geocrawl {

namespace asio = boost::asio;

namespace {

std::vector<vantage_settings> select_vantages(const config& settings,
                                              const std::vector<std::string>& names) {
  if (names.empty()) return settings.vantages;
  std::vector<vantage_settings> selected;
  for (const auto& name : names) {
    const auto found = std::find_if(settings.vantages.begin(), settings.vantages.end(),
                                    [&](const auto& v) { return v.name == name; });
    if (found == settings.vantages.end()) {
      std::vector<std::string> valid;
      for (const auto& vantage : settings.vantages) valid.push_back(vantage.name);
      throw unknown_name("--vantage", name, "vantage", settings.source, valid);
    }
    selected.push_back(*found);
  }
  return selected;
}

struct fetch_outcome {
  vantage_plan plan;
  std::vector<view> fetched;  // in site_requests() order
};

fetch_outcome fetch_all(const site_url& site, std::vector<vantage_settings> vantages,
                        const config& settings) {
  network_session session(settings);
  const auto& environment = session.environment();
  fetch_outcome outcome{plan_vantages(session.io(), settings, std::move(vantages), environment),
                        {}};
  proxy_pool pool(outcome.plan.usable, settings.proxy_breaker);
  const auto requests = site_requests(site.url, outcome.plan);
  outcome.fetched = run_concurrently<view>(
      session.io(), requests.size(),
      [&](std::size_t i) {
        return fetch_with_plain_http_fallback(
            requests[i], site.fallback_url, [&](const site_request& request) {
              return fetch_for_vantage(request.request, settings.limits, environment, pool,
                                       request.no_proxy_reason);
            });
      },
      [&](std::size_t i, const std::string& what) {
        return internal_error_view(requests[i].request, what);
      });
  return outcome;
}

}  // namespace

int run_fetch_command(const fetch_command_options& options, std::ostream& out, std::ostream& err) {
  const config settings =
      options.config_file ? load_config(*options.config_file) : default_config();
  const auto vantages = select_vantages(settings, options.vantages);
  // Written as in a sites file: a bare domain is tried with https, then http.
  const auto site = parse_site_url(options.url);
  if (!site) throw usage_error("URL: " + site.error());

  // Opened before anything is fetched: a database that cannot be written should not cost a
  // fetch whose evidence would then be lost.
  std::optional<store> database;
  if (options.database) {
    try {
      database.emplace(*options.database);
    } catch (const sqlite_error& error) {
      err << "geocrawl: --db " << *options.database << ": " << error.what() << "\n";
      return 1;
    }
  }

  const page_analyzer analyzer(load_shipped_lexicon());
  // With --db, a body analysed by an earlier run is not parsed again, and this fetch's
  // analyses are kept for later runs.
  std::optional<stored_analyses> archive;
  if (database) archive.emplace(*options.database);
  constexpr std::size_t analyses_in_memory_bytes = 8 << 20;  // a site's few views
  analysis_cache analyses(analyzer, analyses_in_memory_bytes, archive ? &*archive : nullptr);
  auto [plan, fetched] = fetch_all(*site, vantages, settings);
  const auto& checks = plan.checks;
  auto [views, verdict, fresh_analyses] =
      settle_site(std::move(fetched), plan.vantages.size(), plan.baseline, analyses);
  if (options.json) {
    auto report = fetch_report_json(options.url, views, verdict);
    if (!checks.empty()) report["proxy_checks"] = proxy_checks_json(checks);
    out << json_output(std::move(report)) << "\n";
  } else {
    if (!checks.empty()) {
      out << "proxies checked for the vantages' countries:\n";
      print_proxy_checks(out, checks);
    }
    print_fetch_report(out, options.url, views, verdict);
  }

  if (database) {
    try {
      const auto run_id = database->begin_run({run_kind::fetch, settings.source, options.url});
      database->record_proxy_checks(run_id, checks);
      database->record_site(run_id, site->url, views, verdict);
      database->keep_analyses(fresh_analyses);
      database->finish_run(run_id, run_status::done);
      err << "geocrawl: stored as run " << run_id << " in " << *options.database << "\n";
    } catch (const sqlite_error& error) {
      err << "geocrawl: --db " << *options.database << ": " << error.what() << "\n";
      return 1;
    }
  }
  const bool all_failed =
      std::all_of(views.begin(), views.end(), [](const view& v) { return v.error.has_value(); });
  return all_failed ? 1 : 0;
}

}  // namespace geocrawl
