#include "crawler/vantage/proxy_check.hpp"

#include <algorithm>

#include "crawler/async/run_concurrently.hpp"
#include "crawler/view/timestamp.hpp"
#include "proxies/coded_category.hpp"
#include "proxies/host_resolver.hpp"
#include "proxies/proxy_session.hpp"

namespace geocrawl {

namespace asio = boost::asio;

namespace {

pooled_proxy as_pooled(const proxy_settings& proxy) {
  pooled_proxy member{.name = proxy.name,
                      .endpoint = proxy.endpoint,
                      .country = proxy.country,
                      .max_connections = proxy.max_connections};
  member.session = proxy.session;
  member.session_ttl = proxy.session_ttl;
  return member;
}

// Fills in the check from an echo fetch through the proxy (or direct, whose declared
// country is empty: it is judged by where it is).
void judge_echo(const view& echo, const geoip_databases& geoip, proxy_check& check) {
  if (echo.error) {
    check.verdict = {proxy_status::dead,
                     std::string(short_code(echo.error->code)) + ": " + echo.error->message};
    return;
  }
  if (echo.status < 200 || echo.status > 299) {
    check.verdict = {proxy_status::dead,
                     "the echo URL answered " + std::to_string(echo.status) + " through it"};
    return;
  }
  const auto exit = parse_echo_body(echo.body);
  if (!exit) {
    check.verdict = {proxy_status::dead, "the echo URL's answer holds no IP address"};
    return;
  }
  check.exit_ip = exit->to_string();
  check.location = locate_exit(*exit, geoip.first, geoip.second_or_null());
  // The direct exit declares nothing: it is ok wherever the databases place it (and agree).
  const auto declared =
      check.declared_country.empty() ? check.location.country.value_or("") : check.declared_country;
  check.verdict = judge_exit(declared, check.location, true);
}

// Without an echo URL: where the proxy's own address is, which says little about its exit.
asio::awaitable<void> judge_own_address(const pooled_proxy& proxy, const geoip_databases& geoip,
                                        const fetch_limits& limits,
                                        const fetch_environment& environment, proxy_check& check) {
  std::vector<asio::ip::address> addresses;
  boost::system::error_code not_an_address;
  const auto literal = asio::ip::make_address(proxy.endpoint.host, not_an_address);
  if (!not_an_address) {
    addresses.push_back(literal);
  } else {
    const auto deadline = std::chrono::steady_clock::now() + limits.connect_timeout;
    auto resolved = co_await environment.resolver.resolve(proxy.endpoint.host, deadline);
    if (!resolved) {
      check.verdict = {proxy_status::dead, resolved.error().message};
      co_return;
    }
    addresses = std::move(*resolved);
  }
  check.exit_ip = addresses.front().to_string();
  check.location = locate_exit(addresses.front(), geoip.first, geoip.second_or_null());
  check.verdict = judge_exit(proxy.country, check.location, false);
}

asio::awaitable<proxy_check> check_direct(const verify_settings& verify,
                                          const geoip_databases& geoip, const fetch_limits& limits,
                                          const fetch_environment& environment) {
  proxy_check check;
  check.name = std::string(direct_check_name);
  check.url = std::string(direct_check_name);
  check.checked_at = utc_timestamp();
  const fetch_request echo_request{verify.echo_url, "verify", request_profile{}, nullptr};
  const auto echo = co_await fetch_view(echo_request, limits, environment);
  check.latency = echo.timings.total;
  judge_echo(echo, geoip, check);
  co_return check;
}

}  // namespace

asio::awaitable<proxy_check> check_proxy(pooled_proxy proxy, const verify_settings& verify,
                                         const geoip_databases& geoip, const fetch_limits& limits,
                                         const fetch_environment& environment) {
  // A session-style proxy not yet in a session (the start's check, a re-check) gets a session
  // of its own; one in a site's session (per_site brackets) keeps it.
  proxy = in_session(std::move(proxy), new_session_token());
  proxy_check check;
  check.name = proxy.name;
  check.url = proxy.endpoint.redacted();
  check.declared_country = proxy.country;
  check.checked_at = utc_timestamp();
  if (verify.echo_url.empty()) {
    co_await judge_own_address(proxy, geoip, limits, environment, check);
    co_return check;
  }
  const fetch_request echo_request{verify.echo_url, "verify", request_profile{}, &proxy};
  const auto echo = co_await fetch_view(echo_request, limits, environment);
  check.latency = echo.timings.total;
  judge_echo(echo, geoip, check);
  co_return check;
}

exit_brackets per_site_brackets(const config& settings, const geoip_databases& geoip,
                                const fetch_environment& environment,
                                std::function<void(const proxy_check&)> record) {
  return {[&settings, &geoip, &environment](const pooled_proxy& proxy) {
            return check_proxy(proxy, settings.verify, geoip, settings.limits, environment);
          },
          std::move(record)};
}

proxy_check check_direct_exit(asio::io_context& io, const verify_settings& verify,
                              const geoip_databases& geoip, const fetch_limits& limits,
                              const fetch_environment& environment) {
  return run_concurrently<proxy_check>(
             io, 1, [&](std::size_t) { return check_direct(verify, geoip, limits, environment); },
             [&](std::size_t, const std::string& what) {
               proxy_check failed;
               failed.name = std::string(direct_check_name);
               failed.url = std::string(direct_check_name);
               failed.checked_at = utc_timestamp();
               failed.verdict = {proxy_status::dead, "internal error: " + what};
               return failed;
             })
      .front();
}

direct_exit direct_exit_of(const proxy_check& check) {
  direct_exit exit{.ip = check.exit_ip,
                   .country = "",
                   .geoip = "",
                   .unverified = "",
                   .checked_at = check.checked_at};
  if (check.verdict.status != proxy_status::ok) {
    exit.unverified = "the direct check is " + std::string(to_string(check.verdict.status));
    if (!check.verdict.reason.empty()) exit.unverified += " (" + check.verdict.reason + ")";
    return exit;
  }
  exit.country = check.location.country.value_or("");
  exit.geoip = geoip_builds(check.location);
  return exit;
}

std::vector<proxy_check> check_proxies(asio::io_context& io,
                                       const std::vector<proxy_settings>& proxies,
                                       const verify_settings& verify, const geoip_databases& geoip,
                                       const fetch_limits& limits,
                                       const fetch_environment& environment) {
  return run_concurrently<proxy_check>(
      io, proxies.size(),
      [&](std::size_t i) {
        return check_proxy(as_pooled(proxies[i]), verify, geoip, limits, environment);
      },
      [&](std::size_t i, const std::string& what) {
        // The proxy is not used, and the report says why.
        proxy_check failed;
        failed.name = proxies[i].name;
        failed.url = proxies[i].endpoint.redacted();
        failed.declared_country = proxies[i].country;
        failed.checked_at = utc_timestamp();
        failed.verdict = {proxy_status::dead, "internal error: " + what};
        return failed;
      });
}

std::vector<pooled_proxy> usable_proxies(const std::vector<proxy_settings>& proxies,
                                         const std::vector<proxy_check>& checks, verify_mode mode) {
  std::vector<pooled_proxy> usable;
  for (const auto& proxy : proxies) {
    if (mode == verify_mode::off) {
      usable.push_back(as_pooled(proxy));
      continue;
    }
    const auto check = std::find_if(checks.begin(), checks.end(),
                                    [&](const proxy_check& c) { return c.name == proxy.name; });
    if (check == checks.end() || check->verdict.status != proxy_status::ok) continue;
    auto member = as_pooled(proxy);
    member.exit_ip = check->exit_ip;
    member.exit_country = check->location.country.value_or("");
    member.geoip_build = geoip_builds(check->location);
    member.checked_at = check->checked_at;
    usable.push_back(std::move(member));
  }
  return usable;
}

std::string unusable_reason(const std::string& country, const std::vector<proxy_check>& checks) {
  std::string reason;
  for (const auto& check : checks) {
    if (check.declared_country != country || check.verdict.status == proxy_status::ok) continue;
    if (!reason.empty()) reason += "; ";
    reason += check.name + " is " + std::string(to_string(check.verdict.status));
    if (!check.verdict.reason.empty()) reason += " (" + check.verdict.reason + ")";
  }
  return reason;
}

}  // namespace geocrawl
