#pragma once
// What fetching sites from a set of vantages needs before the first view: the proxies
// their countries need, checked once ([verify] mode strict), the members fit for the pool,
// and — for a country left without any — why, for its views' error messages. `fetch`
// plans once for its URL, `crawl` once for the whole run.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "crawler/config/config.hpp"
#include "crawler/http/fetch_view.hpp"
#include "crawler/vantage/vantage_fetch.hpp"
#include "proxies/exit_verification.hpp"
#include "proxies/proxy_pool.hpp"

namespace boost::asio {
class io_context;
}

namespace geocrawl {

struct vantage_plan {
  std::vector<vantage_settings> vantages;
  std::size_t baseline = 0;                   // the vantage the others are compared with
  std::vector<proxy_check> checks;            // empty when no proxy is needed or mode is off
  std::vector<pooled_proxy> usable;           // the pool's members
  std::vector<std::string> no_proxy_reasons;  // per vantage: why its country has no proxy
  // Where the direct vantages exit: checked through the echo URL when one is direct, and
  // recorded on each of their views.
  std::optional<proxy_check> direct_check;
  direct_exit direct;
};

// Every exit check of the plan, as reported and stored: the proxies', then the direct one.
std::vector<proxy_check> exit_checks(const vantage_plan& plan);

// Checks the needed proxies on `io` (which it runs until they are done). A proxy with a
// check in `recent` (the store's, younger than [verify] every_s: store::recent_proxy_checks)
// of the same name, URL and declared country relies on it instead of being checked again.
vantage_plan plan_vantages(boost::asio::io_context& io, const config& settings,
                           std::vector<vantage_settings> vantages,
                           const fetch_environment& environment,
                           const std::vector<proxy_check>& recent = {});

// The views a site is fetched as: one per vantage, then — when there is something to
// compare — the baseline once more, at the same time, as the control: how much the site
// changes by itself between two identical requests.
struct site_request {
  vantage_request request;
  std::string no_proxy_reason;
};
std::vector<site_request> site_requests(const std::string& url, const vantage_plan& plan);

// The number of views per site: vantages, plus the control when there is one.
std::size_t views_per_site(const vantage_plan& plan);

}  // namespace geocrawl
