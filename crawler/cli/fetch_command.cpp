#include "crawler/cli/fetch_command.hpp"

#include <algorithm>
#include <optional>

#include "crawler/async/run_concurrently.hpp"
#include "crawler/batch/plain_http_fallback.hpp"
#include "crawler/batch/site_url.hpp"
#include "crawler/batch/view_rendering.hpp"
#include "crawler/cli/command_line_words.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/proxy_check_report.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/view_json.hpp"
#include "crawler/cli/view_report.hpp"
#include "crawler/cli/warc_output.hpp"
#include "crawler/config/config.hpp"
#include "crawler/domain/registrable_domain.hpp"
#include "crawler/rdap/rdap_client.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/store/stored_analyses.hpp"
#include "crawler/vantage/geoip_databases.hpp"
#include "crawler/vantage/network_session.hpp"
#include "crawler/vantage/proxy_check.hpp"
#include "crawler/vantage/vantage_fetch.hpp"
#include "crawler/vantage/vantage_plan.hpp"
#include "crawler/verdict/site_verdict.hpp"
#include "crawler/view/render_errc.hpp"
#include "crawler/view/timestamp.hpp"
#include "crawler/warc/site_archive.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "parsers/web_url.hpp"

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
  std::vector<view> fetched;                  // in site_requests() order
  std::optional<registrar_record> registrar;  // when a lookup was asked for
  std::vector<proxy_check> bracket_checks;    // [verify] mode = "per_site", as they were made
};

// What the site's registrar lookup needs: its domain and where to ask, or nothing to do.
struct registrar_question {
  std::string domain;
  const rdap_bootstrap* bootstrap = nullptr;
};

fetch_outcome fetch_all(const site_url& site, std::vector<vantage_settings> vantages,
                        const config& settings, const registrar_question& registrar,
                        const std::vector<proxy_check>& recent_checks, wire_capture capture) {
  network_session session(settings, capture);
  const auto& environment = session.environment();
  fetch_outcome outcome{
      plan_vantages(session.io(), settings, std::move(vantages), environment, recent_checks), {}};
  proxy_pool pool(outcome.plan.usable, settings.proxy_breaker);
  std::optional<geoip_databases> bracket_geoip;
  std::optional<exit_brackets> brackets;
  if (settings.verify.mode == verify_mode::per_site) {
    bracket_geoip.emplace(open_geoip_databases(settings));
    brackets.emplace(per_site_brackets(
        settings, *bracket_geoip, environment,
        [&outcome](const proxy_check& check) { outcome.bracket_checks.push_back(check); }));
  }
  const view_rendering rendering(session.io(), environment, settings, outcome.plan.vantages);
  const auto requests = site_requests(site.url, outcome.plan);
  outcome.fetched = run_concurrently<view>(
      session.io(), requests.size(),
      [&](std::size_t i) {
        return fetch_with_plain_http_fallback(
            requests[i], site.fallback_url, [&](const site_request& request) {
              return fetch_for_vantage(request.request, settings.limits, environment, pool,
                                       request.no_proxy_reason, brackets ? &*brackets : nullptr,
                                       rendering.renderer());
            });
      },
      [&](std::size_t i, const std::string& what) {
        return internal_error_view(requests[i].request, what);
      });
  if (registrar.bootstrap) {
    rdap_client client(settings.rdap, *registrar.bootstrap, environment);
    auto looked_up = run_concurrently<registrar_record>(
        session.io(), 1, [&](std::size_t) { return client.look_up(registrar.domain); },
        [&](std::size_t, const std::string& what) {
          registrar_record failed;
          failed.domain = registrar.domain;
          failed.looked_up_at = utc_timestamp();
          failed.outcome = rdap_outcome::server_error;
          failed.error = "internal error: " + what;
          return failed;
        });
    outcome.registrar = std::move(looked_up.front());
  }
  return outcome;
}

// "20261207T084931123Z": now, for a file name.
std::string compact_utc_time() {
  auto stamp = utc_timestamp();
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':' || c == '.'; });
  return stamp;
}

// Writes the views' WARC records and sets their places; false, said on `err`, when it failed.
bool archive_views(const std::optional<warc_files>& files, std::vector<view>& views,
                   const site_comparison& verdict, std::ostream& err) {
  if (!files) return true;
  try {
    warc_file_writer writer(*files);
    archive_site(writer, views, verdict);
    err << "geocrawl: WARC written to " << views.front().warc_file << "\n";
    return true;
  } catch (const std::exception& error) {  // warc_write_error, warc_field_error
    err << "geocrawl: --warc " << files->folder.string() << ": " << error.what() << "\n";
    return false;
  }
}

// The registrable domain of the site's host; none for an IP address or a single label.
std::optional<std::string> domain_of(const site_url& site) {
  const auto parsed = parse_web_url(site.url);
  return parsed ? registrable_domain(connect_host(*parsed)) : std::nullopt;
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

  // A lookup stored within [rdap] refresh_days is shown again rather than asked again.
  std::optional<rdap_bootstrap> bootstrap;
  std::optional<registrar_record> stored_registrar;
  registrar_question question;
  if (const auto domain = settings.rdap.enabled ? domain_of(*site) : std::nullopt) {
    question.domain = *domain;
    if (database) {
      const auto not_before = utc_timestamp(std::chrono::system_clock::now() -
                                            std::chrono::days(settings.rdap.refresh_days));
      stored_registrar = database->recent_registrar(*domain, not_before);
    }
    if (!stored_registrar) {
      bootstrap = configured_rdap_bootstrap(settings.rdap.bootstrap);
      question.bootstrap = &*bootstrap;
    }
  }

  const page_analyzer analyzer(load_shipped_lexicon());
  // With --db, a body analysed by an earlier run is not parsed again, and this fetch's
  // analyses are kept for later runs.
  std::optional<stored_analyses> archive;
  if (database) archive.emplace(*options.database);
  constexpr std::size_t analyses_in_memory_bytes = 8 << 20;  // a site's few views
  analysis_cache analyses(analyzer, analyses_in_memory_bytes, archive ? &*archive : nullptr);
  // A check stored within [verify] every_s (a `proxies check` just before, say) is relied on
  // rather than made again; the run records it again, marked reused.
  std::vector<proxy_check> recent_checks;
  if (database && settings.verify.every.count() > 0) {
    recent_checks = database->recent_proxy_checks(
        utc_timestamp(std::chrono::system_clock::now() - settings.verify.every));
  }
  // Without --db a fetch has no run id: its WARC files are named for when it ran.
  const auto warc_for = [&](const std::string& stem) {
    return warc_output(options.warc_dir, settings, stem);
  };
  const bool writes_warc = warc_for("geocrawl").has_value();
  auto [plan, fetched, looked_up, bracket_checks] =
      fetch_all(*site, vantages, settings, question, recent_checks,
                writes_warc ? wire_capture::on : wire_capture::off);
  const auto& registrar = looked_up ? looked_up : stored_registrar;
  auto checks = exit_checks(plan);
  checks.insert(checks.end(), bracket_checks.begin(), bracket_checks.end());
  auto [views, verdict, fresh_analyses] =
      settle_site(std::move(fetched), plan.vantages.size(), plan.baseline, analyses);
  if (options.json) {
    auto report = fetch_report_json(options.url, views, verdict);
    if (!checks.empty()) report["proxy_checks"] = proxy_checks_json(checks);
    report["registrar"] =
        registrar ? boost::json::value(registrar_to_json(*registrar)) : boost::json::value();
    out << json_output(std::move(report)) << "\n";
  } else {
    if (!checks.empty()) {
      out << "exits checked for the vantages:\n";
      print_proxy_checks(out, checks);
    }
    print_fetch_report(out, options.url, views, verdict);
    if (registrar) print_registrar(out, *registrar);
  }

  bool archived = true;
  if (!database)
    archived = archive_views(warc_for("geocrawl-fetch-" + compact_utc_time()), views, verdict, err);
  if (database) {
    try {
      const auto run_id = database->begin_run({run_kind::fetch, settings.source, options.url});
      // Before the views are stored, so the store keeps where their records are.
      archived = archive_views(warc_for("geocrawl-" + std::to_string(run_id)), views, verdict, err);
      database->record_proxy_checks(run_id, checks);
      database->record_site(run_id, site->url, views, verdict);
      if (looked_up) database->record_registrars({*looked_up});
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
  if (all_failed || !archived) return 1;
  // The served views are reported, but a rendered comparison is missing for a reason of ours.
  const auto browser_failures = std::count_if(views.begin(), views.end(), [](const view& v) {
    return v.rendered && v.rendered->error && is_browser_failure(v.rendered->error->code);
  });
  if (browser_failures > 0) {
    err << "geocrawl: the browser failed " << browser_failures << " rendered views ("
        << browser_failure_codes << "): degraded, exit status 3\n";
    return 3;
  }
  return 0;
}

}  // namespace geocrawl
