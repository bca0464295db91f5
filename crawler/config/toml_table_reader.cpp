#include "crawler/config/toml_table_reader.hpp"

#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

#include "parsers/nearest_name.hpp"

namespace geocrawl {

toml::table parse_toml_document(std::string_view toml_text, std::string_view source_name) {
  try {
    return toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << source_name << ':' << error.source().begin.line << ": " << error.description();
    throw config_error(message.str());
  }
}

namespace {

// "limits." is the table [limits], "proxy[0]." one of the tables [[proxy]], "" the top level.
std::string table_name_of(std::string_view prefix) {
  if (prefix.empty()) return "";
  prefix.remove_suffix(1);
  const auto bracket = prefix.find('[');
  if (bracket == std::string_view::npos) return "[" + std::string(prefix) + "]";
  return "[[" + std::string(prefix.substr(0, bracket)) + "]]";
}

}  // namespace

toml_table_reader::toml_table_reader(const toml::table& table, std::string prefix,
                                     std::string_view source, const environment_lookup& environment,
                                     key_catalogue& catalogue)
    : table_(table),
      prefix_(std::move(prefix)),
      table_name_(table_name_of(prefix_)),
      source_(source),
      environment_(environment),
      catalogue_(catalogue) {}

toml_table_reader toml_table_reader::nested(const toml::table& table, std::string prefix) const {
  return toml_table_reader(table, std::move(prefix), source_, environment_, catalogue_);
}

void toml_table_reader::fail(const toml::node& node, std::string_view key,
                             std::string_view what) const {
  std::ostringstream message;
  message << source_ << ':' << node.source().begin.line << ": " << prefix_ << key << ": " << what;
  throw config_error(message.str());
}

const toml::node* toml_table_reader::find(std::string_view key) {
  known_.insert(std::string(key));
  catalogue_[table_name_].insert(std::string(key));
  return table_.get(key);
}

std::optional<toml_table_reader> toml_table_reader::nested_table(std::string_view key) {
  const auto* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_table()) fail(*node, key, "expected a table [" + std::string(key) + "]");
  return nested(*node->as_table(), prefix_ + std::string(key) + ".");
}

const toml::array* toml_table_reader::array_of_tables(std::string_view key) {
  const auto* node = find(key);
  if (!node) return nullptr;
  const auto* list = node->as_array();
  if (!list || !list->is_array_of_tables()) {
    fail(*node, key, "expected [[" + std::string(key) + "]] tables");
  }
  return list;
}

void toml_table_reader::read(std::string_view key, std::string& out) {
  if (const auto* node = find(key)) {
    const auto* text = node->as_string();
    if (!text) fail(*node, key, "expected a string");
    auto expanded = expand_environment(text->get(), environment_);
    if (!expanded) fail(*node, key, expanded.error());
    out = std::move(*expanded);
  }
}

void toml_table_reader::read(std::string_view key, bool& out) {
  if (const auto* node = find(key)) {
    const auto* flag = node->as_boolean();
    if (!flag) fail(*node, key, "expected true or false");
    out = flag->get();
  }
}

std::int64_t toml_table_reader::integer_in_range(const toml::node& node, std::string_view key,
                                                 std::int64_t min, std::int64_t max) const {
  const auto* number = node.as_integer();
  if (!number) fail(node, key, "expected an integer");
  if (number->get() < min || number->get() > max) {
    fail(node, key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return number->get();
}

void toml_table_reader::read_seconds(std::string_view key, std::chrono::milliseconds& out,
                                     zero zero_is) {
  if (const auto* node = find(key)) {
    std::optional<double> seconds;
    if (const auto* number = node->as_floating_point()) seconds = number->get();
    if (const auto* number = node->as_integer()) seconds = static_cast<double>(number->get());
    if (!seconds) fail(*node, key, "expected a number of seconds");
    const bool above_minimum = zero_is == zero::allowed ? *seconds >= 0 : *seconds > 0;
    if (!(above_minimum && *seconds <= 86400)) {
      fail(*node, key,
           zero_is == zero::allowed ? "must be between 0 and 86400 seconds"
                                    : "must be more than 0 and at most 86400 seconds");
    }
    out = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000)));
  }
}

std::string toml_table_reader::unknown_key_hint(std::string_view key) const {
  std::string elsewhere;
  for (const auto& [table, keys] : catalogue_) {
    if (table == table_name_ || !keys.contains(key)) continue;
    elsewhere += (elsewhere.empty() ? "" : " or ") +
                 (table.empty() ? std::string("at the top level") : "under `" + table + "`");
  }
  if (!elsewhere.empty()) return "; `" + std::string(key) + "` belongs " + elsewhere;
  const auto here = catalogue_.find(table_name_);
  if (here == catalogue_.end()) return "";
  const auto nearest =
      nearest_name(key, std::vector<std::string>(here->second.begin(), here->second.end()));
  return nearest ? "; did you mean `" + *nearest + "`?" : "";
}

void toml_table_reader::reject_unknown_keys() const {
  for (const auto& [key, node] : table_) {
    if (known_.contains(key.str())) continue;
    fail(node, key.str(), "unknown key" + unknown_key_hint(key.str()));
  }
}

}  // namespace geocrawl
