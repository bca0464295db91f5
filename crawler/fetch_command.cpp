#include "crawler/fetch_command.hpp"

#include <algorithm>
#include <optional>

#include <boost/json/serialize.hpp>

#include "crawler/compare.hpp"
#include "crawler/config.hpp"
#include "crawler/network_session.hpp"
#include "crawler/proxy_check.hpp"
#include "crawler/proxy_check_report.hpp"
#include "crawler/run_concurrently.hpp"
#include "crawler/sqlite.hpp"
#include "crawler/store.hpp"
#include "crawler/usage_error.hpp"
#include "crawler/vantage_fetch.hpp"
#include "crawler/view_analysis.hpp"
#include "crawler/view_json.hpp"
#include "crawler/view_report.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

namespace asio = boost::asio;

namespace {

std::vector<vantage_settings> select_vantages(const config& settings, const std::vector<std::string>& names) {
  if (names.empty()) return settings.vantages;
  std::vector<vantage_settings> selected;
  for (const auto& name : names) {
    const auto found = std::find_if(settings.vantages.begin(), settings.vantages.end(),
                                    [&](const auto& v) { return v.name == name; });
    if (found == settings.vantages.end()) {
      throw usage_error("--vantage " + name + ": no such vantage in " + settings.source);
    }
    selected.push_back(*found);
  }
  return selected;
}

// The proxies serving the selected vantages' countries.
std::vector<proxy_settings> proxies_for(const config& settings, const std::vector<vantage_settings>& vantages) {
  std::vector<proxy_settings> needed;
  for (const auto& proxy : settings.proxies) {
    const bool wanted = std::any_of(vantages.begin(), vantages.end(),
                                    [&](const vantage_settings& v) { return v.country == proxy.country; });
    if (wanted) needed.push_back(proxy);
  }
  return needed;
}

struct fetch_outcome {
  std::vector<proxy_check> checks;
  std::vector<view> views;
  std::optional<view> control;  // a second fetch of the baseline, when there is a comparison
};

// The vantage the others are compared with: the selected one with baseline = true, else
// the first selected.
std::size_t baseline_of(const std::vector<vantage_settings>& vantages) {
  const auto found = std::find_if(vantages.begin(), vantages.end(), [](const vantage_settings& v) { return v.baseline; });
  return found == vantages.end() ? 0 : static_cast<std::size_t>(found - vantages.begin());
}

fetch_outcome fetch_all(const std::string& url, const std::vector<vantage_settings>& vantages,
                        const config& settings) {
  network_session session(settings);
  auto& io = session.io();
  const auto& environment = session.environment();

  fetch_outcome outcome;
  const auto proxies = proxies_for(settings, vantages);
  if (!proxies.empty() && settings.verify.mode == verify_mode::strict) {
    const auto geoip = open_geoip_databases(settings);
    outcome.checks = check_proxies(io, proxies, settings.verify, geoip, settings.limits, environment);
  }
  proxy_pool pool(usable_proxies(proxies, outcome.checks, settings.verify.mode), settings.proxy_breaker);

  std::vector<vantage_request> requests;
  std::vector<std::string> no_proxy_reasons;
  for (const auto& vantage : vantages) {
    requests.push_back({{url, vantage.name, vantage.profile}, vantage.country});
    no_proxy_reasons.push_back(unusable_reason(vantage.country, outcome.checks));
  }
  // The control: the baseline once more, at the same time, to see how much the site
  // changes by itself between two identical requests.
  const bool compared = vantages.size() > 1;
  if (compared) {
    requests.push_back(requests[baseline_of(vantages)]);
    no_proxy_reasons.push_back(no_proxy_reasons[baseline_of(vantages)]);
  }
  outcome.views = run_concurrently<view>(
      io, requests.size(),
      [&](std::size_t i) { return fetch_for_vantage(requests[i], settings.limits, environment, pool, no_proxy_reasons[i]); },
      [&](std::size_t i, const std::string& what) {
        view failed;
        failed.vantage = requests[i].fetch.vantage;
        failed.requested_url = requests[i].fetch.url;
        failed.error = view_error{"internal", what};
        return failed;
      });
  if (compared) {
    outcome.control = std::move(outcome.views.back());
    outcome.views.pop_back();
  }
  return outcome;
}

}  // namespace

int run_fetch_command(const fetch_command_options& options, std::ostream& out, std::ostream& err) {
  const config settings = options.config_file ? load_config(*options.config_file) : default_config();
  const auto vantages = select_vantages(settings, options.vantages);
  const auto canonical = parse_web_url(options.url);
  if (!canonical) throw usage_error("URL: " + canonical.error());

  const page_analyzer analyzer(load_shipped_lexicon());
  auto [checks, views, control] = fetch_all(options.url, vantages, settings);
  if (control) views.push_back(std::move(*control));  // analysed with the others, once per body
  analyze_views(analyzer, views);
  if (control) {
    control = std::move(views.back());
    views.pop_back();
  }
  const auto verdict = compare_site(views, baseline_of(vantages), control ? &*control : nullptr);
  if (options.json) {
    auto report = fetch_report_json(options.url, views, verdict);
    if (!checks.empty()) report["proxy_checks"] = proxy_checks_json(checks);
    out << boost::json::serialize(report) << "\n";
  } else {
    if (!checks.empty()) {
      out << "proxies checked for the vantages' countries:\n";
      print_proxy_checks(out, checks);
    }
    print_fetch_report(out, options.url, views, verdict);
  }

  if (options.database) {
    try {
      store database(*options.database);
      const auto run_id = database.begin_run({"fetch", settings.source, options.url});
      database.record_proxy_checks(run_id, checks);
      database.record_site(run_id, canonical->buffer(), views, verdict);
      database.finish_run(run_id, "done");
    } catch (const sqlite_error& error) {
      err << "geocrawl: --db " << *options.database << ": " << error.what() << "\n";
      return 1;
    }
  }
  const bool all_failed = std::all_of(views.begin(), views.end(), [](const view& v) { return v.error.has_value(); });
  return all_failed ? 1 : 0;
}

}  // namespace geocrawl
