#pragma once
// Tells an HTTP proxy's own answer from the site's. A request in absolute form goes to the
// proxy, which forwards it and relays the origin's response, or answers itself when it cannot:
// tinyproxy's "500 Unable to connect", squid's 503 ERR_CONNECT_FAIL. Such a page is not the
// site's, and recording it as the site's status would turn an unreachable site into a site
// that answers 500. Through a CONNECT tunnel the question does not arise: the proxy's only
// answer is its reply to the CONNECT (proxies/http_connect.hpp).
//
// A pure function of the response header, so the rules are tested with a table of cases
// (tests/crawler/http/proxy_answer_test.cpp).
#include <optional>
#include <string>
#include <string_view>

#include "crawler/view/view.hpp"

namespace geocrawl {

// Why a response is the proxy's, in the order the rules are tried.
enum class proxy_answer_rule {
  // An RFC 9209 Proxy-Status field with an error= parameter: a proxy says it made this answer.
  proxy_status_error,
  // An X-Squid-Error field: squid puts it on every error page it writes ("ERR_CONNECT_FAIL 111").
  squid_error,
  // A status of 400 or more, no Set-Cookie, and a Server field naming proxy software
  // (tinyproxy, squid, privoxy, polipo, 3proxy) or the proxy's host. A proxy relays the
  // origin's Server field, so one naming the proxy means the proxy wrote the response.
  proxy_server,
  // A status of 502, 503 or 504 with nothing an origin would have added: no Server, no
  // Set-Cookie, and a Via entry naming proxy software or the proxy's host. Only a gateway error
  // with no sign of the origin; an origin that answers 502-504 without a Server field through
  // such a proxy is taken for the proxy, the price of recognising proxies that mark their pages
  // with Via alone.
  gateway_error_via_proxy,
};

struct proxy_answer {
  proxy_answer_rule rule;
  std::string evidence;  // the field that gave it away, e.g. "Server: tinyproxy/1.11.1"
  // The proxy itself is broken (RFC 9209 proxy_internal_error, proxy_configuration_error,
  // proxy_loop_detected, ...), not the way to the target: another proxy may do better.
  bool proxy_fault = false;
};

// `proxy_host` is the proxy's host as configured (a name or an IP literal).
std::optional<proxy_answer> proxy_own_answer(int status, const header_list& headers,
                                             std::string_view proxy_host);

}  // namespace geocrawl
