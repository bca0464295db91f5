#include "crawler/config/config_fingerprint.hpp"

#include <algorithm>
#include <sstream>

#include "crawler/view/sha256.hpp"

namespace geocrawl {

namespace {

// One `key=value` line per setting, in a fixed order; values with newlines cannot occur
// (TOML strings here are single-line), so lines cannot be confused.
class canonical_text {
 public:
  template <class Value>
  canonical_text& add(std::string_view key, const Value& value) {
    text_ << key << '=' << value << '\n';
    return *this;
  }
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
};

}  // namespace

std::string config_fingerprint(const config& settings) {
  canonical_text text;
  text.add("geoip.database", settings.geoip.database)
      .add("geoip.second_database", settings.geoip.second_database)
      .add("tls.verify", settings.tls.verify)
      .add("tls.ca_file", settings.tls.ca_file)
      .add("limits.view_timeout_ms", settings.limits.view_timeout.count())
      .add("limits.connect_timeout_ms", settings.limits.connect_timeout.count())
      .add("limits.read_timeout_ms", settings.limits.read_timeout.count())
      .add("limits.max_body_bytes", settings.limits.max_body_bytes)
      .add("limits.max_header_bytes", settings.limits.max_header_bytes)
      .add("limits.max_redirects", settings.limits.max_redirects)
      .add("limits.max_refresh_delay_ms", settings.limits.max_refresh_delay.count())
      .add("limits.max_favicon_bytes", settings.limits.max_favicon_bytes)
      .add("limits.proxy_failures_to_rest", settings.proxy_breaker.failures_to_rest)
      .add("limits.proxy_rest_ms", settings.proxy_breaker.rest.count())
      .add("verify.echo_url", settings.verify.echo_url)
      .add("verify.mode", to_string(settings.verify.mode));
  for (const auto& network : settings.allow_networks)
    text.add("limits.allow_networks", network.to_string());
  for (const auto& vantage : settings.vantages) {
    text.add("vantage.name", vantage.name)
        .add("vantage.baseline", vantage.baseline)
        .add("vantage.country", vantage.country)
        .add("vantage.user_agent", vantage.profile.user_agent)
        .add("vantage.accept", vantage.profile.accept)
        .add("vantage.accept_language", vantage.profile.accept_language)
        .add("vantage.accept_encoding", vantage.profile.accept_encoding)
        .add("vantage.referer", vantage.profile.referer);
    if (vantage.render) {
      text.add("vantage.render.locale", vantage.render->locale)
          .add("vantage.render.time_zone", vantage.render->time_zone);
    }
  }
  // What a rendered view means; only with a rendered vantage, so a config without one keeps the
  // fingerprint it had before rendering existed.
  if (std::any_of(settings.vantages.begin(), settings.vantages.end(),
                  [](const vantage_settings& vantage) { return vantage.render.has_value(); })) {
    text.add("render.settle_ms", settings.render.settle.count())
        .add("render.timeout_ms", settings.render.timeout.count())
        .add("render.memory_mb", settings.render.memory_mb)
        .add("render.browser_memory_mb", settings.render.browser_memory_mb)
        .add("render.max_targets", settings.render.max_targets);
  }
  return sha256_hex(text.str());
}

}  // namespace geocrawl
