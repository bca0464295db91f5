#include "crawler/fetch_command.hpp"

#include <algorithm>
#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/json/serialize.hpp>

#include "crawler/config.hpp"
#include "crawler/fetch_view.hpp"
#include "crawler/sqlite.hpp"
#include "crawler/store.hpp"
#include "crawler/tls_client.hpp"
#include "crawler/usage_error.hpp"
#include "crawler/view_analysis.hpp"
#include "crawler/view_json.hpp"
#include "crawler/view_report.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "parsers/web_url.hpp"
#include "proxies/host_resolver.hpp"

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

std::vector<view> fetch_all(const std::string& url, const std::vector<vantage_settings>& vantages,
                            const config& settings) {
  asio::io_context io;
  system_resolver resolver(io.get_executor());
  const address_policy policy(settings.allow_networks);
  auto tls_context = [&] {
    try {
      return make_tls_context(settings.tls);
    } catch (const std::runtime_error& error) {
      throw config_error(settings.source + ": " + error.what());
    }
  }();
  const fetch_environment environment{resolver, policy, tls_context, settings.tls.verify};

  std::vector<fetch_request> requests;
  for (const auto& vantage : vantages) requests.push_back({url, vantage.name, vantage.profile});
  std::vector<view> views(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    asio::co_spawn(io, fetch_view(requests[i], settings.limits, environment),
                   [&views, &requests, i](std::exception_ptr failure, view result) {
                     if (!failure) {
                       views[i] = std::move(result);
                       return;
                     }
                     // A bug, not a site's doing: record it on this view and go on.
                     views[i].vantage = requests[i].vantage;
                     views[i].requested_url = requests[i].url;
                     try {
                       std::rethrow_exception(failure);
                     } catch (const std::exception& error) {
                       views[i].error = view_error{"internal", error.what()};
                     }
                   });
  }
  io.run();
  return views;
}

}  // namespace

int run_fetch_command(const fetch_command_options& options, std::ostream& out, std::ostream& err) {
  const config settings = options.config_file ? load_config(*options.config_file) : default_config();
  const auto vantages = select_vantages(settings, options.vantages);
  const auto canonical = parse_web_url(options.url);
  if (!canonical) throw usage_error("URL: " + canonical.error());

  const page_analyzer analyzer(load_shipped_lexicon());
  auto views = fetch_all(options.url, vantages, settings);
  analyze_views(analyzer, views);
  if (options.json) {
    out << boost::json::serialize(fetch_report_json(options.url, views)) << "\n";
  } else {
    print_fetch_report(out, options.url, views);
  }

  if (options.database) {
    try {
      store database(*options.database);
      const auto run_id = database.begin_run({"fetch", settings.source, options.url});
      database.record_site(run_id, canonical->buffer(), views);
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
