#include "crawler/config/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "crawler/browser/browser_process.hpp"
#include "crawler/config/country_emulation.hpp"
#include "crawler/config/toml_table_reader.hpp"
#include "parsers/page_identifier.hpp"
#include "proxies/geoip.hpp"
#include "proxies/proxy_session.hpp"

namespace geocrawl {

std::string_view to_string(verify_mode mode) noexcept {
  switch (mode) {
    case verify_mode::strict:
      return "strict";
    case verify_mode::per_site:
      return "per_site";
    case verify_mode::off:
      return "off";
  }
  return "strict";
}

namespace {

// A list of networks such as ["10.0.0.0/8", "::1/128"].
void read_networks(toml_table_reader& reader, std::string_view key, std::vector<ip_network>& out) {
  if (const auto* node = reader.find(key)) {
    const auto* list = node->as_array();
    if (!list) reader.fail(*node, key, "expected an array of networks such as [\"127.0.0.0/8\"]");
    for (const auto& element : *list) {
      const auto* text = element.as_string();
      if (!text) reader.fail(element, key, "expected a string such as \"10.0.0.0/8\"");
      auto network = parse_ip_network(text->get());
      if (!network) reader.fail(element, key, network.error());
      out.push_back(*network);
    }
  }
}

// Vantage and proxy names: short, and safe in file names, CSV headers and shell commands.
bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

// Two letters, stored upper case: "jp" and "JP" are the same country.
void read_country(toml_table_reader& reader, std::string_view key, std::string& out) {
  reader.read(key, out);
  const auto* node = reader.find(key);
  if (!node) return;
  if (out.size() != 2 || !std::isalpha(static_cast<unsigned char>(out[0])) ||
      !std::isalpha(static_cast<unsigned char>(out[1]))) {
    reader.fail(*node, key, "expected a two-letter ISO 3166-1 country code such as \"JP\"");
  }
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

void read_proxies(toml_table_reader& top, config& result) {
  const auto* list = top.array_of_tables("proxy");
  if (!list) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& table = *list->get(i)->as_table();
    auto reader = top.nested(table, "proxy[" + std::to_string(i) + "].");
    proxy_settings proxy;
    reader.read("name", proxy.name);
    std::string url;
    reader.read("url", url);
    read_country(reader, "country", proxy.country);
    reader.read("max_connections", proxy.max_connections, 1, 1000);
    bool tunnel = true;
    reader.read("tunnel", tunnel);
    reader.read("session", proxy.session);
    reader.read_seconds("session_ttl_s", proxy.session_ttl);
    reader.reject_unknown_keys();
    if (const auto* session_node = table.get("session");
        session_node && !valid_session_template(proxy.session))
      reader.fail(*session_node, "session", "must hold {session} exactly once");
    if (!valid_name(proxy.name))
      reader.fail(table, "name", "required: 1-32 characters of a-z, 0-9, '-' or '_'");
    if (!names.insert(proxy.name).second)
      reader.fail(table, "name", "duplicate proxy name '" + proxy.name + "'");
    const auto* url_node = table.get("url");
    if (!url_node)
      reader.fail(table, "url", "required, e.g. \"socks5h://user:${PASSWORD}@proxy.example:1080\"");
    // The message from the parser never quotes the URL: it may hold a password.
    auto endpoint = parse_proxy_url(url);
    if (!endpoint) reader.fail(*url_node, "url", endpoint.error());
    proxy.endpoint = std::move(*endpoint);
    if (const auto* tunnel_node = table.get("tunnel")) {
      if (proxy.endpoint.scheme != proxy_scheme::http &&
          proxy.endpoint.scheme != proxy_scheme::https)
        reader.fail(*tunnel_node, "tunnel",
                    "only for http:// and https:// proxies: SOCKS5 always tunnels");
      proxy.endpoint.plain_http =
          tunnel ? plain_http_route::tunnel : plain_http_route::absolute_form;
    }
    if (proxy.country.empty())
      reader.fail(table, "country", "required: the country the proxy's exit is in, e.g. \"JP\"");
    result.proxies.push_back(std::move(proxy));
  }
}

// Text a script reads back through Intl and navigator: letters, digits and the separators of
// IANA zone names and BCP 47 tags, so a typo fails here and not silently in the browser.
bool valid_emulation_word(std::string_view word) {
  if (word.empty() || word.size() > 64) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '+';
  });
}

// The browser a rendered vantage is emulated as (see vantage_settings::render).
render_emulation rendered_as(toml_table_reader& reader, const toml::table& table,
                             const vantage_settings& vantage, const std::string& time_zone,
                             const std::string& locale) {
  render_emulation emulation{vantage.profile.user_agent, vantage.profile.accept_language, locale,
                             time_zone};
  for (const auto* key : {"time_zone", "locale"}) {
    const auto* node = table.get(key);
    if (node && !valid_emulation_word(*node->value<std::string>()))
      reader.fail(*node, key,
                  "expected an IANA zone such as \"Asia/Tokyo\" or a tag such as \"ja-JP\"");
  }
  if (vantage.country.empty()) return emulation;
  const auto defaults = emulation_for_country(vantage.country);
  if (!defaults && (time_zone.empty() || locale.empty()))
    reader.fail(
        table, "render",
        "no built-in time zone and locale for " + vantage.country + ": set time_zone and locale");
  if (emulation.time_zone.empty()) emulation.time_zone = defaults->time_zone;
  if (emulation.locale.empty()) emulation.locale = defaults->locale;
  return emulation;
}

// render = true needs the browser at hand: found now, the error names the package, rather than
// every view failing later.
void check_browser(toml_table_reader& top, const toml::array& vantages, const config& result,
                   const environment_lookup& environment) {
  for (std::size_t i = 0; i < result.vantages.size(); ++i) {
    if (!result.vantages[i].render) continue;
    const auto path = environment("PATH");
    if (find_executable(result.render.executable, path.value_or("/usr/bin:/bin"))) return;
    top.fail(*vantages.get(i), "vantage[" + std::to_string(i) + "].render",
             "needs Chromium, and no executable \"" + result.render.executable +
                 "\" was found: install Debian's package chromium (apt-get install chromium), "
                 "or set [render] executable");
  }
}

void read_vantages(toml_table_reader& top, config& result, const environment_lookup& environment) {
  const auto* list = top.array_of_tables("vantage");
  if (!list) return;
  result.vantages.clear();
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& table = *list->get(i)->as_table();
    auto reader = top.nested(table, "vantage[" + std::to_string(i) + "].");
    vantage_settings vantage;
    reader.read("name", vantage.name);
    reader.read("baseline", vantage.baseline);
    read_country(reader, "country", vantage.country);
    reader.read("user_agent", vantage.profile.user_agent);
    reader.read("accept_language", vantage.profile.accept_language);
    reader.read("referer", vantage.profile.referer);
    bool render = false;
    reader.read("render", render);
    std::string time_zone;
    reader.read("time_zone", time_zone);
    std::string locale;
    reader.read("locale", locale);
    reader.reject_unknown_keys();
    for (const auto* key : {"time_zone", "locale"}) {
      if (const auto* node = table.get(key); node && !render)
        reader.fail(*node, key, "only for a vantage with render = true");
    }
    if (render) vantage.render = rendered_as(reader, table, vantage, time_zone, locale);
    if (!valid_name(vantage.name)) {
      reader.fail(table, "name", "required: 1-32 characters of a-z, 0-9, '-' or '_'");
    }
    if (!names.insert(vantage.name).second)
      reader.fail(table, "name", "duplicate vantage name '" + vantage.name + "'");
    result.vantages.push_back(std::move(vantage));
  }
  if (result.vantages.empty()) top.fail(*list, "vantage", "at least one [[vantage]] is needed");
  if (std::count_if(result.vantages.begin(), result.vantages.end(),
                    [](const auto& v) { return v.baseline; }) > 1) {
    top.fail(*list, "vantage", "only one vantage can have baseline = true");
  }
  for (std::size_t i = 0; i < result.vantages.size(); ++i) {
    const auto& country = result.vantages[i].country;
    if (country.empty()) continue;
    const bool served = std::any_of(result.proxies.begin(), result.proxies.end(),
                                    [&](const proxy_settings& p) { return p.country == country; });
    if (!served) {
      top.fail(*list->get(i), "vantage[" + std::to_string(i) + "].country",
               "no [[proxy]] has country = \"" + country + "\"");
    }
  }
  check_browser(top, *list, result, environment);
}

void read_networks(toml_table_reader& reader, network_settings& out) {
  reader.read("max_share_percent", out.max_share_percent, 1, 100);
  reader.read("min_sites", out.min_sites, 1, 1'000'000'000);
  if (const auto* node = reader.find("ignore")) {
    const auto* list = node->as_array();
    if (!list) reader.fail(*node, "ignore", "expected an array such as [\"ga4:G-XXXXXXXXXX\"]");
    for (const auto& element : *list) {
      const auto* entry = element.as_string();
      const auto kind = entry ? identifier_kind_from(entry->get().substr(0, entry->get().find(':')))
                              : std::nullopt;
      if (!kind || entry->get().find(':') == std::string::npos ||
          entry->get().find(':') + 1 == entry->get().size())
        reader.fail(element, "ignore", "expected \"kind:value\" with a kind such as ga4 or email");
      out.ignore.push_back(entry->get());
    }
  }
  reader.read("asn_database", out.asn_database);
  if (!out.asn_database.empty()) {
    // Opened here, as a bad key is caught here: a nightly crawl's config is loaded long before
    // `networks` would first read the file.
    try {
      [[maybe_unused]] const geoip_database opened(out.asn_database);
    } catch (const geoip_error& error) {
      reader.fail(*reader.find("asn_database"), "asn_database", error.what());
    }
  }
  reader.reject_unknown_keys();
}

// Integers rather than optional ones in the file: a key left out is a rule not applied.
void read_retention(toml_table_reader& reader, retention_settings& out) {
  std::int64_t keep_last = 0;
  reader.read("keep_last", keep_last, 1, 1'000'000);
  if (keep_last > 0) out.keep_last = keep_last;
  if (reader.find("older_than_days")) {
    std::int64_t days = 0;
    reader.read("older_than_days", days, 0, 1'000'000);
    out.older_than_days = days;
  }
  if (const auto* node = reader.find("keep_verdicts")) {
    const auto* list = node->as_array();
    if (!list) reader.fail(*node, "keep_verdicts", "expected an array such as [\"cloaked\"]");
    for (const auto& element : *list) {
      const auto* word = element.as_string();
      const auto verdict = word ? parse_cloaking_verdict(word->get()) : std::nullopt;
      if (!verdict) {
        reader.fail(element, "keep_verdicts",
                    "expected consistent, cloaked, inconclusive or unreachable");
      }
      out.keep_verdicts.push_back(*verdict);
    }
    if (!out.keep_last && !out.older_than_days)
      reader.fail(*node, "keep_verdicts", "needs keep_last or older_than_days: nothing is pruned");
  }
  reader.reject_unknown_keys();
}

config read_config(const toml::table& document, std::string_view source_name,
                   const environment_lookup& environment, key_catalogue& catalogue) {
  config result = default_config();
  result.source = source_name;
  toml_table_reader top(document, "", source_name, environment, catalogue);
  if (auto reader = top.nested_table("geoip")) {
    reader->read("database", result.geoip.database);
    reader->read("second_database", result.geoip.second_database);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("verify")) {
    reader->read("echo_url", result.verify.echo_url);
    std::string mode = "strict";
    reader->read("mode", mode);
    if (mode == "off") {
      result.verify.mode = verify_mode::off;
    } else if (mode == "per_site") {
      result.verify.mode = verify_mode::per_site;
      // Brackets are echo checks: without an echo URL there is nothing to bracket with.
      if (result.verify.echo_url.empty())
        reader->fail(*reader->find("mode"), "mode", "\"per_site\" needs [verify] echo_url");
    } else if (mode != "strict") {
      reader->fail(*reader->find("mode"), "mode", "expected \"strict\", \"per_site\" or \"off\"");
    }
    reader->read_seconds("every_s", result.verify.every, toml_table_reader::zero::allowed);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("tls")) {
    reader->read("verify", result.tls.verify);
    reader->read("ca_file", result.tls.ca_file);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("limits")) {
    reader->read_seconds("timeout_s", result.limits.view_timeout);
    reader->read_seconds("connect_timeout_s", result.limits.connect_timeout);
    reader->read_seconds("read_timeout_s", result.limits.read_timeout);
    reader->read("max_body_bytes", result.limits.max_body_bytes, 1024, std::int64_t{1} << 32);
    reader->read("max_header_bytes", result.limits.max_header_bytes, 1024, 1024 * 1024);
    reader->read("max_redirects", result.limits.max_redirects, 0, 100);
    reader->read_seconds("max_refresh_delay_s", result.limits.max_refresh_delay);
    reader->read("max_favicon_bytes", result.limits.max_favicon_bytes, 1024, std::int64_t{1} << 24);
    read_networks(*reader, "allow_networks", result.allow_networks);
    reader->read("proxy_failures_to_rest", result.proxy_breaker.failures_to_rest, 1, 1000);
    reader->read_seconds("proxy_rest_s", result.proxy_breaker.rest);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("crawl")) {
    reader->read("concurrency", result.crawl.concurrency, 1, 4096);
    reader->read("per_host", result.crawl.per_host, 1, 4096);
    reader->read("render_concurrency", result.crawl.render_concurrency, 1, 64);
    reader->read_seconds("host_delay_s", result.crawl.host_delay, toml_table_reader::zero::allowed);
    reader->read("retries", result.crawl.retries, 0, 10);
    reader->read_seconds("retry_backoff_s", result.crawl.retry_backoff);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("render")) {
    // Milliseconds, as the issue names them: a settle time is a fraction of a second.
    std::int64_t settle_ms = result.render.settle.count();
    reader->read("settle_ms", settle_ms, 0, 60'000);
    result.render.settle = std::chrono::milliseconds(settle_ms);
    std::int64_t timeout_ms = result.render.timeout.count();
    reader->read("timeout_ms", timeout_ms, 1'000, 600'000);
    result.render.timeout = std::chrono::milliseconds(timeout_ms);
    reader->read("executable", result.render.executable);
    reader->read("memory_mb", result.render.memory_mb, 64, 16384);
    reader->read("browser_memory_mb", result.render.browser_memory_mb, 256, 1'048'576);
    reader->read("max_targets", result.render.max_targets, 0, 100);
    reader->read("nice", result.render.nice, 0, 19);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("rdap")) {
    reader->read("enabled", result.rdap.enabled);
    reader->read("bootstrap", result.rdap.bootstrap);
    reader->read("refresh_days", result.rdap.refresh_days, 0, 3650);
    reader->read_seconds("timeout_s", result.rdap.timeout);
    reader->read_seconds("min_interval_s", result.rdap.min_interval,
                         toml_table_reader::zero::allowed);
    reader->read_seconds("max_retry_after_s", result.rdap.max_retry_after,
                         toml_table_reader::zero::allowed);
    reader->read("concurrency", result.rdap.concurrency, 1, 64);
    reader->reject_unknown_keys();
  }
  if (auto reader = top.nested_table("retention")) read_retention(*reader, result.retention);
  if (auto reader = top.nested_table("networks")) read_networks(*reader, result.networks);
  if (auto reader = top.nested_table("output")) {
    reader->read("warc_dir", result.output.warc_dir);
    reader->read("warc_max_bytes", result.output.warc_max_bytes, 1'000'000, std::int64_t{1} << 40);
    reader->reject_unknown_keys();
  }
  read_proxies(top, result);
  read_vantages(top, result, environment);
  top.reject_unknown_keys();
  return result;
}

// Every key of every table, learnt by reading a document that has each table once: the
// reads above stay the one list of keys, so suggestions cannot drift from what is read.
const key_catalogue& every_key() {
  static const key_catalogue catalogue = [] {
    constexpr std::string_view every_table = R"(
[geoip]
[verify]
[tls]
[limits]
[crawl]
[render]
[rdap]
[retention]
[networks]
[output]
[[proxy]]
name = "p"
url = "http://proxy.invalid:1"
country = "JP"
[[vantage]]
name = "v"
)";
    key_catalogue learnt;
    const auto document = parse_toml_document(every_table, "every table");
    read_config(document, "every table", process_environment(), learnt);
    return learnt;
  }();
  return catalogue;
}

// The visitor rogue pharmacies aimed at Japan show their shop to: a phone in Japanese,
// arriving from a Google search. Google's referrer policy (strict-origin-when-cross-origin)
// sends only its origin, so that is what a real visitor's Referer holds, and what a cloaker
// checks for.
request_profile japanese_search_visitor() {
  request_profile profile;
  profile.user_agent =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
      "like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  profile.accept_language = "ja-JP,ja;q=0.9";
  profile.referer = "https://www.google.co.jp/";
  return profile;
}

}  // namespace

config default_config() {
  config result;
  result.source = "built-in default";
  result.vantages.push_back({.name = "default", .baseline = true, .country = "", .profile = {}});
  result.vantages.push_back({.name = std::string(search_visitor_vantage),
                             .baseline = false,
                             .country = "",
                             .profile = japanese_search_visitor()});
  return result;
}

config parse_config(std::string_view toml_text, std::string_view source_name,
                    const environment_lookup& environment) {
  const auto document = parse_toml_document(toml_text, source_name);
  key_catalogue catalogue = every_key();
  return read_config(document, source_name, environment, catalogue);
}

config load_config(const std::filesystem::path& file, const environment_lookup& environment) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(file.string() + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file.string(), environment);
}

}  // namespace geocrawl
