#include "crawler/cli/proxies_command.hpp"

#include <algorithm>

#include "crawler/cli/json_output.hpp"
#include "crawler/cli/proxy_check_report.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/config/config.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/vantage/network_session.hpp"
#include "crawler/vantage/proxy_check.hpp"

namespace geocrawl {

namespace json = boost::json;

int run_proxies_check(const proxies_command_options& options, std::ostream& out,
                      std::ostream& err) {
  const config settings =
      options.config_file ? load_config(*options.config_file) : default_config();
  if (settings.proxies.empty()) throw usage_error(settings.source + ": no [[proxy]] is configured");
  const auto geoip = open_geoip_databases(settings);
  network_session session(settings);
  const auto checks = check_proxies(session.io(), settings.proxies, settings.verify, geoip,
                                    settings.limits, session.environment());

  if (options.json) {
    out << json_output(json::object{{"proxies", proxy_checks_json(checks)}}) << "\n";
  } else {
    print_proxy_checks(out, checks);
  }
  if (options.database) {
    try {
      store database(*options.database);
      const auto run_id = database.begin_run({run_kind::proxies_check, settings.source, ""});
      database.record_proxy_checks(run_id, checks);
      database.finish_run(run_id, run_status::done);
    } catch (const sqlite_error& error) {
      err << "geocrawl: --db " << *options.database << ": " << error.what() << "\n";
      return 1;
    }
  }
  const bool all_ok = std::all_of(checks.begin(), checks.end(), [](const proxy_check& c) {
    return c.verdict.status == proxy_status::ok;
  });
  return all_ok ? 0 : 1;
}

}  // namespace geocrawl
