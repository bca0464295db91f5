#include "crawler/config/config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace geocrawl {

namespace {

// Reads one TOML table, remembering which keys were asked for so that every other key
// can be reported as unknown.
class table_reader {
 public:
  table_reader(const toml::table& table, std::string prefix, std::string_view source,
               const environment_lookup& environment)
      : table_(table), prefix_(std::move(prefix)), source_(source), environment_(environment) {}

  table_reader nested(const toml::table& table, std::string prefix) const {
    return table_reader(table, std::move(prefix), source_, environment_);
  }

  [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view what) const {
    std::ostringstream message;
    message << source_ << ':' << node.source().begin.line << ": " << prefix_ << key << ": " << what;
    throw config_error(message.str());
  }

  const toml::node* find(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }

  void read(std::string_view key, std::string& out) {
    if (const auto* node = find(key)) {
      const auto* text = node->as_string();
      if (!text) fail(*node, key, "expected a string");
      auto expanded = expand_environment(text->get(), environment_);
      if (!expanded) fail(*node, key, expanded.error());
      out = std::move(*expanded);
    }
  }

  void read(std::string_view key, bool& out) {
    if (const auto* node = find(key)) {
      const auto* flag = node->as_boolean();
      if (!flag) fail(*node, key, "expected true or false");
      out = flag->get();
    }
  }

  template <class Integer>
  void read(std::string_view key, Integer& out, std::int64_t min, std::int64_t max) {
    if (const auto* node = find(key)) {
      const auto* number = node->as_integer();
      if (!number) fail(*node, key, "expected an integer");
      if (number->get() < min || number->get() > max) {
        fail(*node, key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      }
      out = static_cast<Integer>(number->get());
    }
  }

  enum class zero { refused, allowed };

  // Seconds in the file, milliseconds inside: 0.5 is a valid timeout.
  void read_seconds(std::string_view key, std::chrono::milliseconds& out, zero zero_is = zero::refused) {
    if (const auto* node = find(key)) {
      std::optional<double> seconds;
      if (const auto* number = node->as_floating_point()) seconds = number->get();
      if (const auto* number = node->as_integer()) seconds = static_cast<double>(number->get());
      if (!seconds) fail(*node, key, "expected a number of seconds");
      const bool above_minimum = zero_is == zero::allowed ? *seconds >= 0 : *seconds > 0;
      if (!(above_minimum && *seconds <= 86400)) {
        fail(*node, key, zero_is == zero::allowed ? "must be between 0 and 86400 seconds"
                                                  : "must be more than 0 and at most 86400 seconds");
      }
      out = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000)));
    }
  }

  void read(std::string_view key, std::vector<ip_network>& out) {
    if (const auto* node = find(key)) {
      const auto* list = node->as_array();
      if (!list) fail(*node, key, "expected an array of networks such as [\"127.0.0.0/8\"]");
      for (const auto& element : *list) {
        const auto* text = element.as_string();
        if (!text) fail(element, key, "expected a string such as \"10.0.0.0/8\"");
        auto network = parse_ip_network(text->get());
        if (!network) fail(element, key, network.error());
        out.push_back(*network);
      }
    }
  }

  // Everything in the table that no read() asked for is a mistake in the file.
  void reject_unknown_keys() const {
    for (const auto& [key, node] : table_) {
      if (known_.contains(key.str())) continue;
      fail(node, key.str(), "unknown key");
    }
  }

 private:
  const toml::table& table_;
  std::string prefix_;
  std::string_view source_;
  const environment_lookup& environment_;
  std::set<std::string, std::less<>> known_;
};

const toml::table* sub_table(table_reader& top, std::string_view key) {
  const auto* node = top.find(key);
  if (!node) return nullptr;
  if (!node->is_table()) top.fail(*node, key, "expected a table [" + std::string(key) + "]");
  return node->as_table();
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
void read_country(table_reader& reader, std::string_view key, std::string& out) {
  reader.read(key, out);
  const auto* node = reader.find(key);
  if (!node) return;
  if (out.size() != 2 || !std::isalpha(static_cast<unsigned char>(out[0])) ||
      !std::isalpha(static_cast<unsigned char>(out[1]))) {
    reader.fail(*node, key, "expected a two-letter ISO 3166-1 country code such as \"JP\"");
  }
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

void read_proxies(table_reader& top, config& result) {
  const auto* node = top.find("proxy");
  if (!node) return;
  const auto* list = node->as_array();
  if (!list || !list->is_array_of_tables()) top.fail(*node, "proxy", "expected [[proxy]] tables");
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
    reader.reject_unknown_keys();
    if (!valid_name(proxy.name)) reader.fail(table, "name", "required: 1-32 characters of a-z, 0-9, '-' or '_'");
    if (!names.insert(proxy.name).second) reader.fail(table, "name", "duplicate proxy name '" + proxy.name + "'");
    const auto* url_node = table.get("url");
    if (!url_node) reader.fail(table, "url", "required, e.g. \"socks5h://user:${PASSWORD}@proxy.example:1080\"");
    // The message from the parser never quotes the URL: it may hold a password.
    auto endpoint = parse_proxy_url(url);
    if (!endpoint) reader.fail(*url_node, "url", endpoint.error());
    proxy.endpoint = std::move(*endpoint);
    if (proxy.country.empty()) reader.fail(table, "country", "required: the country the proxy's exit is in, e.g. \"JP\"");
    result.proxies.push_back(std::move(proxy));
  }
}

void read_vantages(table_reader& top, config& result) {
  const auto* node = top.find("vantage");
  if (!node) return;
  const auto* list = node->as_array();
  if (!list || !list->is_array_of_tables()) top.fail(*node, "vantage", "expected [[vantage]] tables");
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
    reader.reject_unknown_keys();
    if (!valid_name(vantage.name)) {
      reader.fail(table, "name", "required: 1-32 characters of a-z, 0-9, '-' or '_'");
    }
    if (!names.insert(vantage.name).second) reader.fail(table, "name", "duplicate vantage name '" + vantage.name + "'");
    result.vantages.push_back(std::move(vantage));
  }
  if (result.vantages.empty()) top.fail(*node, "vantage", "at least one [[vantage]] is needed");
  if (std::count_if(result.vantages.begin(), result.vantages.end(), [](const auto& v) { return v.baseline; }) > 1) {
    top.fail(*node, "vantage", "only one vantage can have baseline = true");
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
}

}  // namespace

config default_config() {
  config result;
  result.source = "built-in default";
  result.vantages.push_back({.name = "direct", .baseline = true, .profile = {}});
  return result;
}

config parse_config(std::string_view toml_text, std::string_view source_name,
                    const environment_lookup& environment) {
  toml::table document;
  try {
    document = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << source_name << ':' << error.source().begin.line << ": " << error.description();
    throw config_error(message.str());
  }
  config result = default_config();
  result.source = source_name;
  table_reader top(document, "", source_name, environment);
  if (const auto* geoip = sub_table(top, "geoip")) {
    auto reader = top.nested(*geoip, "geoip.");
    reader.read("database", result.geoip.database);
    reader.read("second_database", result.geoip.second_database);
    reader.reject_unknown_keys();
  }
  if (const auto* verify = sub_table(top, "verify")) {
    auto reader = top.nested(*verify, "verify.");
    reader.read("echo_url", result.verify.echo_url);
    std::string mode = "strict";
    reader.read("mode", mode);
    if (mode == "off") {
      result.verify.mode = verify_mode::off;
    } else if (mode != "strict") {
      reader.fail(*reader.find("mode"), "mode", "expected \"strict\" or \"off\"");
    }
    reader.reject_unknown_keys();
  }
  if (const auto* tls = sub_table(top, "tls")) {
    auto reader = top.nested(*tls, "tls.");
    reader.read("verify", result.tls.verify);
    reader.read("ca_file", result.tls.ca_file);
    reader.reject_unknown_keys();
  }
  if (const auto* limits = sub_table(top, "limits")) {
    auto reader = top.nested(*limits, "limits.");
    reader.read_seconds("timeout_s", result.limits.view_timeout);
    reader.read_seconds("connect_timeout_s", result.limits.connect_timeout);
    reader.read_seconds("read_timeout_s", result.limits.read_timeout);
    reader.read("max_body_bytes", result.limits.max_body_bytes, 1024, std::int64_t{1} << 32);
    reader.read("max_header_bytes", result.limits.max_header_bytes, 1024, 1024 * 1024);
    reader.read("max_redirects", result.limits.max_redirects, 0, 100);
    reader.read_seconds("max_refresh_delay_s", result.limits.max_refresh_delay);
    reader.read("allow_networks", result.allow_networks);
    reader.read("proxy_failures_to_rest", result.proxy_breaker.failures_to_rest, 1, 1000);
    reader.read_seconds("proxy_rest_s", result.proxy_breaker.rest);
    reader.reject_unknown_keys();
  }
  if (const auto* crawl = sub_table(top, "crawl")) {
    auto reader = top.nested(*crawl, "crawl.");
    reader.read("concurrency", result.crawl.concurrency, 1, 4096);
    reader.read("per_host", result.crawl.per_host, 1, 4096);
    reader.read_seconds("host_delay_s", result.crawl.host_delay, table_reader::zero::allowed);
    reader.read("retries", result.crawl.retries, 0, 10);
    reader.read_seconds("retry_backoff_s", result.crawl.retry_backoff);
    reader.reject_unknown_keys();
  }
  read_proxies(top, result);
  read_vantages(top, result);
  top.reject_unknown_keys();
  return result;
}

config load_config(const std::filesystem::path& file, const environment_lookup& environment) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(file.string() + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file.string(), environment);
}

}  // namespace geocrawl
