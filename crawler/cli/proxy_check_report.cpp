#include "crawler/cli/proxy_check_report.hpp"

#include <iomanip>

#include <boost/json/object.hpp>

#include "crawler/cli/view_json.hpp"

namespace geocrawl {

namespace json = boost::json;

namespace {

json::object check_json(const proxy_check& check) {
  json::object result{
      {"name", check.name},
      {"url", check.url},
      {"declared_country", text_or_null(check.declared_country)},
      {"exit_ip", text_or_null(check.exit_ip)},
      {"exit_country", text_or_null(check.location.country.value_or(""))},
      {"geoip", text_or_null(check.location.build)},
      {"latency_ms", check.latency.count()},
      {"status", to_string(check.verdict.status)},
      {"reason", text_or_null(check.verdict.reason)},
      {"checked_at", check.checked_at},
      {"reused", check.reused},
  };
  if (check.location.has_second) {
    result["second_country"] = text_or_null(check.location.second_country.value_or(""));
    result["second_geoip"] = text_or_null(check.location.second_build);
  }
  return result;
}

}  // namespace

json::array proxy_checks_json(const std::vector<proxy_check>& checks) {
  json::array list;
  for (const auto& check : checks) list.push_back(check_json(check));
  return list;
}

void print_proxy_checks(std::ostream& out, const std::vector<proxy_check>& checks) {
  out << std::left << std::setw(16) << "NAME" << std::setw(10) << "DECLARED" << std::setw(40)
      << "EXIT IP" << std::setw(6) << "EXIT" << std::setw(10) << "LATENCY"
      << "STATUS\n";
  for (const auto& check : checks) {
    out << std::left << std::setw(16) << check.name << std::setw(10)
        << (check.declared_country.empty() ? "-" : check.declared_country) << std::setw(40)
        << (check.exit_ip.empty() ? "-" : check.exit_ip) << std::setw(6)
        << check.location.country.value_or("-") << std::setw(10)
        << (std::to_string(check.latency.count()) + " ms") << to_string(check.verdict.status);
    if (!check.verdict.reason.empty()) out << ": " << check.verdict.reason;
    if (check.reused)
      out << " (reused: checked at " << check.checked_at << ", younger than [verify] every_s)";
    out << "\n";
  }
}

}  // namespace geocrawl
