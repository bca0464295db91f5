#include "crawler/config.hpp"

#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace geocrawl {

namespace {

// Sections of the design that this build does not implement yet: rejected with a
// message that says so, rather than accepted and ignored.
const std::set<std::string, std::less<>> not_yet_supported = {"verify", "crawl", "proxy"};

// Reads one TOML table, remembering which keys were asked for so that every other key
// can be reported as unknown.
class table_reader {
 public:
  table_reader(const toml::table& table, std::string prefix, std::string_view source)
      : table_(table), prefix_(std::move(prefix)), source_(source) {}

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
      out = text->get();
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

  // Seconds in the file, milliseconds inside: 0.5 is a valid timeout.
  void read_seconds(std::string_view key, std::chrono::milliseconds& out) {
    if (const auto* node = find(key)) {
      std::optional<double> seconds;
      if (const auto* number = node->as_floating_point()) seconds = number->get();
      if (const auto* number = node->as_integer()) seconds = static_cast<double>(number->get());
      if (!seconds) fail(*node, key, "expected a number of seconds");
      if (!(*seconds > 0 && *seconds <= 86400)) fail(*node, key, "must be more than 0 and at most 86400 seconds");
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
      if (prefix_.empty() && not_yet_supported.contains(key.str())) {
        fail(node, key.str(), "is not supported by this version of geocrawl yet");
      }
      fail(node, key.str(), "unknown key");
    }
  }

 private:
  const toml::table& table_;
  std::string prefix_;
  std::string_view source_;
  std::set<std::string, std::less<>> known_;
};

const toml::table* sub_table(table_reader& top, std::string_view key) {
  const auto* node = top.find(key);
  if (!node) return nullptr;
  if (!node->is_table()) top.fail(*node, key, "expected a table [" + std::string(key) + "]");
  return node->as_table();
}

bool valid_vantage_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

void read_vantages(table_reader& top, config& result, std::string_view source) {
  const auto* node = top.find("vantage");
  if (!node) return;
  const auto* list = node->as_array();
  if (!list || !list->is_array_of_tables()) top.fail(*node, "vantage", "expected [[vantage]] tables");
  result.vantages.clear();
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& table = *list->get(i)->as_table();
    table_reader reader(table, "vantage[" + std::to_string(i) + "].", source);
    vantage_settings vantage;
    reader.read("name", vantage.name);
    reader.read("baseline", vantage.baseline);
    reader.read("user_agent", vantage.profile.user_agent);
    reader.read("accept_language", vantage.profile.accept_language);
    reader.read("referer", vantage.profile.referer);
    if (const auto* country = table.get("country")) {
      reader.fail(*country, "country", "needs proxies, which this version of geocrawl does not support yet");
    }
    reader.reject_unknown_keys();
    if (!valid_vantage_name(vantage.name)) {
      reader.fail(table, "name", "required: 1-32 characters of a-z, 0-9, '-' or '_'");
    }
    if (!names.insert(vantage.name).second) reader.fail(table, "name", "duplicate vantage name '" + vantage.name + "'");
    result.vantages.push_back(std::move(vantage));
  }
  if (result.vantages.empty()) top.fail(*node, "vantage", "at least one [[vantage]] is needed");
  if (std::count_if(result.vantages.begin(), result.vantages.end(), [](const auto& v) { return v.baseline; }) > 1) {
    top.fail(*node, "vantage", "only one vantage can have baseline = true");
  }
}

}  // namespace

config default_config() {
  config result;
  result.source = "built-in default";
  result.vantages.push_back({.name = "direct", .baseline = true, .profile = {}});
  return result;
}

config parse_config(std::string_view toml_text, std::string_view source_name) {
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
  table_reader top(document, "", source_name);
  if (const auto* geoip = sub_table(top, "geoip")) {
    table_reader reader(*geoip, "geoip.", source_name);
    reader.read("database", result.geoip.database);
    reader.read("second_database", result.geoip.second_database);
    reader.reject_unknown_keys();
  }
  if (const auto* tls = sub_table(top, "tls")) {
    table_reader reader(*tls, "tls.", source_name);
    reader.read("verify", result.tls.verify);
    reader.read("ca_file", result.tls.ca_file);
    reader.reject_unknown_keys();
  }
  if (const auto* limits = sub_table(top, "limits")) {
    table_reader reader(*limits, "limits.", source_name);
    reader.read_seconds("timeout_s", result.limits.view_timeout);
    reader.read_seconds("connect_timeout_s", result.limits.connect_timeout);
    reader.read_seconds("read_timeout_s", result.limits.read_timeout);
    reader.read("max_body_bytes", result.limits.max_body_bytes, 1024, std::int64_t{1} << 32);
    reader.read("max_header_bytes", result.limits.max_header_bytes, 1024, 1024 * 1024);
    reader.read("max_redirects", result.limits.max_redirects, 0, 100);
    reader.read("allow_networks", result.allow_networks);
    reader.reject_unknown_keys();
  }
  read_vantages(top, result, source_name);
  top.reject_unknown_keys();
  return result;
}

config load_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(file.string() + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file.string());
}

}  // namespace geocrawl
