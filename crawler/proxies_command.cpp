#include "crawler/proxies_command.hpp"

#include <algorithm>
#include <iomanip>

#include <boost/json/serialize.hpp>

#include "crawler/config.hpp"
#include "crawler/network_session.hpp"
#include "crawler/proxy_check.hpp"
#include "crawler/sqlite.hpp"
#include "crawler/store.hpp"
#include "crawler/usage_error.hpp"
#include "crawler/view_json.hpp"

namespace geocrawl {

namespace json = boost::json;

namespace {

json::object check_to_json(const proxy_check& check) {
  json::object result{
      {"name", check.name},
      {"url", check.url},
      {"declared_country", check.declared_country},
      {"exit_ip", text_or_null(check.exit_ip)},
      {"exit_country", text_or_null(check.location.country.value_or(""))},
      {"geoip", text_or_null(check.location.build)},
      {"latency_ms", check.latency.count()},
      {"status", to_string(check.verdict.status)},
      {"reason", text_or_null(check.verdict.reason)},
      {"checked_at", check.checked_at},
  };
  if (check.location.has_second) {
    result["second_country"] = text_or_null(check.location.second_country.value_or(""));
    result["second_geoip"] = text_or_null(check.location.second_build);
  }
  return result;
}

void print_table(std::ostream& out, const std::vector<proxy_check>& checks) {
  out << std::left << std::setw(16) << "NAME" << std::setw(10) << "DECLARED" << std::setw(40) << "EXIT IP"
      << std::setw(6) << "EXIT" << std::setw(10) << "LATENCY" << "STATUS\n";
  for (const auto& check : checks) {
    out << std::left << std::setw(16) << check.name << std::setw(10) << check.declared_country << std::setw(40)
        << (check.exit_ip.empty() ? "-" : check.exit_ip) << std::setw(6) << check.location.country.value_or("-")
        << std::setw(10) << (std::to_string(check.latency.count()) + " ms") << to_string(check.verdict.status);
    if (!check.verdict.reason.empty()) out << ": " << check.verdict.reason;
    out << "\n";
  }
}

}  // namespace

int run_proxies_check(const proxies_command_options& options, std::ostream& out, std::ostream& err) {
  const config settings = options.config_file ? load_config(*options.config_file) : default_config();
  if (settings.proxies.empty()) throw usage_error(settings.source + ": no [[proxy]] is configured");
  const auto geoip = open_geoip_databases(settings);
  network_session session(settings);
  const auto checks =
      check_proxies(session.io(), settings.proxies, settings.verify, geoip, settings.limits, session.environment());

  if (options.json) {
    json::array list;
    for (const auto& check : checks) list.push_back(check_to_json(check));
    out << json::serialize(json::object{{"proxies", std::move(list)}}) << "\n";
  } else {
    print_table(out, checks);
  }
  if (options.database) {
    try {
      store database(*options.database);
      const auto run_id = database.begin_run({"proxies check", settings.source, ""});
      database.record_proxy_checks(run_id, checks);
      database.finish_run(run_id, "done");
    } catch (const sqlite_error& error) {
      err << "geocrawl: --db " << *options.database << ": " << error.what() << "\n";
      return 1;
    }
  }
  const bool all_ok = std::all_of(checks.begin(), checks.end(),
                                  [](const proxy_check& c) { return c.verdict.status == proxy_status::ok; });
  return all_ok ? 0 : 1;
}

}  // namespace geocrawl
