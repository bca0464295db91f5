#pragma once
// Checking where each proxy really exits: fetch [verify] echo_url through it, geolocate
// the address the echo saw, and judge it against the declared country. Without an echo
// URL only the proxy's own address can be geolocated, which gives `unverified`.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/config/config.hpp"
#include "crawler/http/fetch_view.hpp"
#include "crawler/vantage/geoip_databases.hpp"
#include "crawler/vantage/vantage_fetch.hpp"
#include "proxies/exit_verification.hpp"
#include "proxies/proxy_pool.hpp"

namespace boost::asio {
class io_context;
}

namespace geocrawl {

// Checks one proxy (a pool member: a re-check during a run goes through it as the views do);
// `proxy` is taken by value, like everything a coroutine keeps past its first suspension.
boost::asio::awaitable<proxy_check> check_proxy(pooled_proxy proxy, const verify_settings& verify,
                                                const geoip_databases& geoip,
                                                const fetch_limits& limits,
                                                const fetch_environment& environment);

// The brackets of [verify] mode = "per_site" (vantage_fetch.hpp): echo checks placed with
// `geoip`, each handed to `record`. Every reference must outlive the views.
exit_brackets per_site_brackets(const config& settings, const geoip_databases& geoip,
                                const fetch_environment& environment,
                                std::function<void(const proxy_check&)> record);

// Checks every proxy concurrently on `io` (which it runs until they are done); the
// results are in the order of `proxies`.
std::vector<proxy_check> check_proxies(boost::asio::io_context& io,
                                       const std::vector<proxy_settings>& proxies,
                                       const verify_settings& verify, const geoip_databases& geoip,
                                       const fetch_limits& limits,
                                       const fetch_environment& environment);

// Checks on `io` (which it runs until done) where direct connections exit, stored among the
// proxy checks as `direct_check_name` (exit_check.hpp); needs an echo URL.
proxy_check check_direct_exit(boost::asio::io_context& io, const verify_settings& verify,
                              const geoip_databases& geoip, const fetch_limits& limits,
                              const fetch_environment& environment);

// What direct views record of that check: the country only when it is `ok`, else why not.
direct_exit direct_exit_of(const proxy_check& check);

// The pool's members: the proxies verified ok, or every proxy when verification is off
// (then without `checks`, and with no exit recorded).
std::vector<pooled_proxy> usable_proxies(const std::vector<proxy_settings>& proxies,
                                         const std::vector<proxy_check>& checks, verify_mode mode);

// Why the country's proxies are not usable, one clause per proxy: "jp-1 is mismatch
// (exits in US, declared JP)". For no_proxy_for_country messages.
std::string unusable_reason(const std::string& country, const std::vector<proxy_check>& checks);

}  // namespace geocrawl
