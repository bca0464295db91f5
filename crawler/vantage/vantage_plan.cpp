#include "crawler/vantage/vantage_plan.hpp"

#include <algorithm>

#include "crawler/vantage/geoip_databases.hpp"
#include "crawler/vantage/proxy_check.hpp"
#include "proxies/proxy_session.hpp"

namespace geocrawl {

namespace {

// The vantage with baseline = true, else the first.
std::size_t baseline_of(const std::vector<vantage_settings>& vantages) {
  const auto found = std::find_if(vantages.begin(), vantages.end(),
                                  [](const vantage_settings& v) { return v.baseline; });
  return found == vantages.end() ? 0 : static_cast<std::size_t>(found - vantages.begin());
}

// The proxies serving the vantages' countries.
std::vector<proxy_settings> proxies_for(const config& settings,
                                        const std::vector<vantage_settings>& vantages) {
  std::vector<proxy_settings> needed;
  for (const auto& proxy : settings.proxies) {
    const bool wanted =
        std::any_of(vantages.begin(), vantages.end(),
                    [&](const vantage_settings& v) { return v.country == proxy.country; });
    if (wanted) needed.push_back(proxy);
  }
  return needed;
}

// A stored check of this very proxy: same name, same (redacted) URL, same declared country.
const proxy_check* reusable_check(const proxy_settings& proxy,
                                  const std::vector<proxy_check>& recent) {
  const auto found = std::find_if(recent.begin(), recent.end(), [&](const proxy_check& check) {
    return check.name == proxy.name && check.url == proxy.endpoint.redacted() &&
           check.declared_country == proxy.country;
  });
  return found == recent.end() ? nullptr : &*found;
}

// The proxies' checks in their order: reused where a recent one exists, else made now.
std::vector<proxy_check> checks_for(boost::asio::io_context& io, const config& settings,
                                    const std::vector<proxy_settings>& proxies,
                                    const fetch_environment& environment,
                                    const std::vector<proxy_check>& recent) {
  std::vector<proxy_settings> unchecked;
  for (const auto& proxy : proxies)
    if (!reusable_check(proxy, recent)) unchecked.push_back(proxy);
  std::vector<proxy_check> made;
  if (!unchecked.empty()) {
    const auto geoip = open_geoip_databases(settings);
    made = check_proxies(io, unchecked, settings.verify, geoip, settings.limits, environment);
  }
  std::vector<proxy_check> checks;
  auto next_made = made.begin();
  for (const auto& proxy : proxies) {
    const auto* reused = reusable_check(proxy, recent);
    checks.push_back(reused ? *reused : *next_made++);
  }
  return checks;
}

// The direct exit, checked like a proxy when the config lets it be; otherwise why it is not.
void plan_direct_exit(boost::asio::io_context& io, const config& settings,
                      const fetch_environment& environment, vantage_plan& plan) {
  const bool direct = std::any_of(plan.vantages.begin(), plan.vantages.end(),
                                  [](const vantage_settings& v) { return v.country.empty(); });
  if (!direct) return;
  if (settings.verify.mode == verify_mode::off) {
    plan.direct.unverified = "[verify] mode is off";
    return;
  }
  if (settings.verify.echo_url.empty()) {
    plan.direct.unverified = "no [verify] echo_url is configured";
    return;
  }
  const auto geoip = open_geoip_databases(settings);
  plan.direct_check = check_direct_exit(io, settings.verify, geoip, settings.limits, environment);
  plan.direct = direct_exit_of(*plan.direct_check);
}

}  // namespace

std::vector<proxy_check> exit_checks(const vantage_plan& plan) {
  auto checks = plan.checks;
  if (plan.direct_check) checks.push_back(*plan.direct_check);
  return checks;
}

vantage_plan plan_vantages(boost::asio::io_context& io, const config& settings,
                           std::vector<vantage_settings> vantages,
                           const fetch_environment& environment,
                           const std::vector<proxy_check>& recent) {
  vantage_plan plan;
  plan.vantages = std::move(vantages);
  plan.baseline = baseline_of(plan.vantages);
  const auto proxies = proxies_for(settings, plan.vantages);
  if (!proxies.empty() && settings.verify.mode != verify_mode::off)
    plan.checks = checks_for(io, settings, proxies, environment, recent);
  plan.usable = usable_proxies(proxies, plan.checks, settings.verify.mode);
  for (const auto& vantage : plan.vantages)
    plan.no_proxy_reasons.push_back(unusable_reason(vantage.country, plan.checks));
  plan_direct_exit(io, settings, environment, plan);
  return plan;
}

std::size_t views_per_site(const vantage_plan& plan) {
  return plan.vantages.size() > 1 ? plan.vantages.size() + 1 : plan.vantages.size();
}

std::vector<site_request> site_requests(const std::string& url, const vantage_plan& plan) {
  // One session for all the site's views, so session-style proxies give them one exit.
  const auto token = new_session_token();
  const auto made = std::chrono::steady_clock::now();
  std::vector<site_request> requests;
  for (std::size_t i = 0; i < plan.vantages.size(); ++i) {
    const auto& vantage = plan.vantages[i];
    requests.push_back({{{url, vantage.name, vantage.profile},
                         vantage.country,
                         plan.direct,
                         token,
                         made,
                         vantage.render},
                        plan.no_proxy_reasons[i]});
  }
  if (views_per_site(plan) > plan.vantages.size()) requests.push_back(requests[plan.baseline]);
  return requests;
}

}  // namespace geocrawl
